/* version.c - version, status and type names. */
#include "config.h"

#include "pmml.h"

int pmml_version_number(void)
{
    return PMML_VERSION_NUMBER;
}

const char *pmml_version_string(void)
{
    return PMML_VERSION_STRING;
}

const char *pmml_strerror(int code)
{
    switch (code) {
    case PMML_OK:
        return "success";
    case PMML_ERR_NOMEM:
        return "out of memory";
    case PMML_ERR_ARG:
        return "invalid argument";
    case PMML_ERR_IO:
        return "input/output error";
    case PMML_ERR_XML:
        return "malformed XML";
    case PMML_ERR_SCHEMA:
        return "document does not match the PMML schema";
    case PMML_ERR_PMML:
        return "invalid PMML";
    case PMML_ERR_UNSUPPORTED:
        return "unsupported PMML feature";
    case PMML_ERR_LIMIT:
        return "resource limit exceeded";
    case PMML_ERR_BIND:
        return "cannot bind input columns";
    case PMML_ERR_INVALID_VALUE:
        return "invalid input value";
    case PMML_ERR_MISSING_VALUE:
        return "required input value is missing";
    case PMML_ERR_EVAL:
        return "model cannot produce a result";
    }
    return "unknown error";
}

const char *pmml_datatype_name(int datatype)
{
    static const char *const names[] = {
        "", "string", "integer", "float", "double", "boolean", "date", "time", "dateTime",
        "dateDaysSince[0]", "dateDaysSince[1960]", "dateDaysSince[1970]", "dateDaysSince[1980]",
        "timeSeconds", "dateTimeSecondsSince[0]", "dateTimeSecondsSince[1960]",
        "dateTimeSecondsSince[1970]", "dateTimeSecondsSince[1980]"
    };
    if (datatype < 0 || datatype >= (int)(sizeof names / sizeof names[0]))
        return "";
    return names[datatype];
}

int pmml_datatype_json_kind(int datatype)
{
    switch (datatype) {
    case PMML_TYPE_INTEGER:
    case PMML_TYPE_FLOAT:
    case PMML_TYPE_DOUBLE:
    case PMML_TYPE_DATE_DAYS_SINCE_0:
    case PMML_TYPE_DATE_DAYS_SINCE_1960:
    case PMML_TYPE_DATE_DAYS_SINCE_1970:
    case PMML_TYPE_DATE_DAYS_SINCE_1980:
    case PMML_TYPE_TIME_SECONDS:
    case PMML_TYPE_DATETIME_SECONDS_SINCE_0:
    case PMML_TYPE_DATETIME_SECONDS_SINCE_1960:
    case PMML_TYPE_DATETIME_SECONDS_SINCE_1970:
    case PMML_TYPE_DATETIME_SECONDS_SINCE_1980:
        return PMML_JSON_NUMBER;
    case PMML_TYPE_BOOLEAN:
        return PMML_JSON_BOOLEAN;
    default:
        return PMML_JSON_STRING;
    }
}

const char *pmml_optype_name(int optype)
{
    static const char *const names[] = { "", "categorical", "ordinal", "continuous" };
    if (optype < 0 || optype >= (int)(sizeof names / sizeof names[0]))
        return "";
    return names[optype];
}
