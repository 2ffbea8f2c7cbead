/* init.c - one-time setup shared by every model. */
#include "config.h"

#include <pthread.h>

#include <libxml/parser.h>

#include "api/api.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init(void)
{
    /* libxml2 2.9 asks for this before it is used from several threads. */
    xmlInitParser();
}

void pmml__library_init(void)
{
    pthread_once(&init_once, init);
}
