/* parse_util.c - attribute and child helpers for the model parser. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/parse_util.h"
#include "util/num.h"

int px_is(const px_node *n, const char *name)
{
    return n && !n->foreign && strcmp(n->name, name) == 0;
}

const char *pa_str(const px_node *n, const char *name)
{
    return px_attr_get(n, name);
}

const char *pa_str_x(const px_node *n, const char *name)
{
    char xname[128];
    const char *v = px_attr_get(n, name);
    if (v)
        return v;
    snprintf(xname, sizeof xname, "x-%s", name);
    return px_attr_get(n, xname);
}

void pm_bad(pm_ctx *c, const px_node *n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pm_throw(c, PMML_ERR_PMML, n ? n->line : 0, n ? n->name : NULL, "%s: %s",
             n ? n->name : "PMML", msg);
}

const char *pa_req(pm_ctx *c, const px_node *n, const char *name)
{
    const char *v = px_attr_get(n, name);
    if (!v)
        pm_bad(c, n, "the required attribute '%s' is missing", name);
    return v;
}

double pa_parse_num(pm_ctx *c, const px_node *n, const char *what, const char *text)
{
    double v;
    int range;
    if (pm_parse_double(text, strlen(text), &v, &range) != 0)
        pm_bad(c, n, "%s '%s' is not a number", what, text);
    if (range && isinf(v))
        pm_bad(c, n, "%s '%s' is out of the range of a double", what, text);
    return v;
}

double pa_num(pm_ctx *c, const px_node *n, const char *name, double dflt)
{
    char what[96];
    const char *v = px_attr_get(n, name);
    if (!v)
        return dflt;
    snprintf(what, sizeof what, "attribute '%s' value", name);
    return pa_parse_num(c, n, what, v);
}

double pa_num_req(pm_ctx *c, const px_node *n, const char *name)
{
    pa_req(c, n, name);
    return pa_num(c, n, name, 0.0);
}

long pa_int(pm_ctx *c, const px_node *n, const char *name, long dflt)
{
    double v;
    const char *s = px_attr_get(n, name);
    if (!s)
        return dflt;
    if (pm_parse_integer(s, strlen(s), &v) != 0 || fabs(v) > 2147483647.0)
        pm_bad(c, n, "attribute '%s' value '%s' is not an integer", name, s);
    return (long)v;
}

int pa_bool(pm_ctx *c, const px_node *n, const char *name, int dflt)
{
    const char *s = px_attr_get(n, name);
    if (!s)
        return dflt;
    if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
        return 1;
    if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
        return 0;
    pm_bad(c, n, "attribute '%s' value '%s' is not a boolean", name, s);
}

int pa_enum(pm_ctx *c, const px_node *n, const char *name, const char *const *names, int dflt)
{
    const char *s = px_attr_get(n, name);
    int i;
    if (!s)
        return dflt;
    for (i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    pm_bad(c, n, "attribute '%s' has the unknown value '%s'", name, s);
}

static const char *const datatype_names[] = {
    "", "string", "integer", "float", "double", "boolean", "date", "time", "dateTime",
    "dateDaysSince[0]", "dateDaysSince[1960]", "dateDaysSince[1970]", "dateDaysSince[1980]",
    "timeSeconds", "dateTimeSecondsSince[0]", "dateTimeSecondsSince[1960]",
    "dateTimeSecondsSince[1970]", "dateTimeSecondsSince[1980]", NULL
};

static const char *const optype_names[] = { "", "categorical", "ordinal", "continuous", NULL };

int pa_datatype(pm_ctx *c, const px_node *n, const char *name, int required)
{
    int t;
    if (required)
        pa_req(c, n, name);
    t = pa_enum(c, n, name, datatype_names, 0);
    if (t == 0 && px_attr_get(n, name))
        pm_bad(c, n, "attribute '%s' is empty", name);
    return t;
}

int pa_optype(pm_ctx *c, const px_node *n, const char *name, int required)
{
    int t;
    if (required)
        pa_req(c, n, name);
    t = pa_enum(c, n, name, optype_names, 0);
    if (t == 0 && px_attr_get(n, name))
        pm_bad(c, n, "attribute '%s' is empty", name);
    return t;
}

void pm_unexpected(pm_ctx *c, const px_node *parent, const px_node *child)
{
    pm_throw(c, PMML_ERR_UNSUPPORTED, child->line, child->name,
             "%s: the element <%s> is not supported inside <%s>", child->name, child->name,
             parent->name);
}

int px_ignorable(const px_node *n)
{
    static const char *const names[] = {
        "Extension", "ModelStats", "ModelExplanation", "Taxonomy",
        "MiningBuildTask", "Header", NULL
    };
    int i;
    if (n->foreign)
        return 1;
    for (i = 0; names[i]; i++)
        if (strcmp(n->name, names[i]) == 0)
            return 1;
    return 0;
}

size_t px_count(const px_node *n, const char *name)
{
    size_t k = 0;
    PX_FOREACH(ch, n)
    if (px_is(ch, name))
        k++;
    return k;
}

const char *px_raw_text(pm_ctx *c, const px_node *n)
{
    if (!n->text)
        return "";
    return pm_strndup(c, c->tmp, n->text, n->textlen);
}

const char *px_text(pm_ctx *c, const px_node *n)
{
    const char *s = n->text;
    size_t len = n->textlen;
    if (!s)
        return "";
    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                   s[len - 1] == '\r'))
        len--;
    return pm_strndup(c, c->tmp, s, len);
}
