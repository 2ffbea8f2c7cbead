"""ctypes declarations of the libpmml C ABI (include/pmml.h) and how the
shared library is found."""

import ctypes
import ctypes.util
import os

# pmml_coltype
COL_DOUBLE = 1
COL_INT64 = 2
COL_STRING = 3
COL_STRVIEW = 4
COL_CODE = 5
COL_BOOL = 6

LOAD_VALIDATE = 0x1
LOAD_REFERENCE = 0x2

LOAD_OPTIONS_VERSION = 1
COLUMN_VERSION = 1
RESULT_VERSION = 1

# pmml_datatype, by value
DATATYPES = {
    0: "unknown", 1: "string", 2: "integer", 3: "float", 4: "double",
    5: "boolean", 6: "date", 7: "time", 8: "dateTime",
    9: "dateDaysSince[0]", 10: "dateDaysSince[1960]", 11: "dateDaysSince[1970]",
    12: "dateDaysSince[1980]", 13: "timeSeconds",
    14: "dateTimeSecondsSince[0]", 15: "dateTimeSecondsSince[1960]",
    16: "dateTimeSecondsSince[1970]", 17: "dateTimeSecondsSince[1980]",
}

# pmml_status
STATUS_NAMES = {
    0: "OK", -1: "NOMEM", -2: "ARG", -3: "IO", -4: "XML", -5: "SCHEMA",
    -6: "PMML", -7: "UNSUPPORTED", -8: "LIMIT", -9: "BIND",
    -10: "INVALID_VALUE", -11: "MISSING_VALUE", -12: "EVAL",
}


class Error(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_int),
        ("line", ctypes.c_int),
        ("column", ctypes.c_int),
        ("element", ctypes.c_char * 64),
        ("source", ctypes.c_char * 256),
        ("message", ctypes.c_char * 512),
        ("reserved", ctypes.c_char * 120),
    ]


class LoadOptions(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("flags", ctypes.c_uint32),
        ("max_document_bytes", ctypes.c_size_t),
        ("diagnostic", ctypes.c_void_p),
        ("diagnostic_payload", ctypes.c_void_p),
        ("allocator", ctypes.c_void_p),
    ]


class Column(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("type", ctypes.c_int),
        ("name", ctypes.c_char_p),
        ("data", ctypes.c_void_p),
        ("stride", ctypes.c_size_t),
        ("valid", ctypes.c_void_p),
    ]


class Result(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("type", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("stride", ctypes.c_size_t),
        ("valid", ctypes.c_void_p),
    ]


def _candidates():
    env = os.environ.get("PMML_LIBRARY")
    if env:
        yield env
        return
    # the in-tree build: python/pmml/ sits two levels under the top of the tree
    here = os.path.dirname(os.path.abspath(__file__))
    for up in (os.path.join(here, "..", ".."), os.path.join(here, "..")):
        p = os.path.normpath(os.path.join(up, ".libs", "libpmml.so"))
        if os.path.exists(p) and os.path.exists(os.path.join(up, "include", "pmml.h")):
            yield p
    # installed: through the dynamic loader's search path, then the usual prefixes
    yield "libpmml.so.0"
    found = ctypes.util.find_library("pmml")
    if found:
        yield found
    for d in ("/usr/local/lib", "/usr/lib", "/usr/local/lib64", "/usr/lib64"):
        yield os.path.join(d, "libpmml.so.0")


def _open():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError(
        "pmml: cannot load libpmml; set PMML_LIBRARY to the path of libpmml.so, "
        "or install libpmml (tried: %s)" % "; ".join(tried))


lib, path = _open()

P = ctypes.c_void_p
c_size = ctypes.c_size_t


def _fn(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


pmml_strerror = _fn("pmml_strerror", ctypes.c_char_p, ctypes.c_int)
pmml_version_string = _fn("pmml_version_string", ctypes.c_char_p)
pmml_datatype_name = _fn("pmml_datatype_name", ctypes.c_char_p, ctypes.c_int)
pmml_optype_name = _fn("pmml_optype_name", ctypes.c_char_p, ctypes.c_int)
pmml_model_load_memory = _fn(
    "pmml_model_load_memory", ctypes.c_int, ctypes.POINTER(P), ctypes.c_char_p, c_size,
    ctypes.c_char_p, ctypes.POINTER(LoadOptions), ctypes.POINTER(Error))
pmml_model_free = _fn("pmml_model_free", None, P)
pmml_model_type = _fn("pmml_model_type", ctypes.c_char_p, P)
pmml_model_function = _fn("pmml_model_function", ctypes.c_char_p, P)
pmml_model_pmml_version = _fn("pmml_model_pmml_version", ctypes.c_char_p, P)
pmml_model_block_reason = _fn("pmml_model_block_reason", ctypes.c_char_p, P)
pmml_model_is_sequential = _fn("pmml_model_is_sequential", ctypes.c_int, P)
pmml_model_group_input = _fn("pmml_model_group_input", ctypes.c_int, P,
                             ctypes.POINTER(c_size))
pmml_model_memory_bytes = _fn("pmml_model_memory_bytes", c_size, P)
pmml_model_input_count = _fn("pmml_model_input_count", c_size, P)
pmml_model_input_name = _fn("pmml_model_input_name", ctypes.c_char_p, P, c_size)
pmml_model_input_datatype = _fn("pmml_model_input_datatype", ctypes.c_int, P, c_size)
pmml_model_input_optype = _fn("pmml_model_input_optype", ctypes.c_int, P, c_size)
pmml_model_input_value_count = _fn("pmml_model_input_value_count", c_size, P, c_size)
pmml_model_input_value = _fn("pmml_model_input_value", ctypes.c_char_p, P, c_size, c_size)
pmml_model_input_interval_count = _fn("pmml_model_input_interval_count", c_size, P, c_size)
pmml_model_input_interval = _fn(
    "pmml_model_input_interval", ctypes.c_int, P, c_size, c_size,
    ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double),
    ctypes.POINTER(ctypes.c_char_p))
pmml_model_output_count = _fn("pmml_model_output_count", c_size, P)
pmml_model_output_name = _fn("pmml_model_output_name", ctypes.c_char_p, P, c_size)
pmml_model_output_datatype = _fn("pmml_model_output_datatype", ctypes.c_int, P, c_size)
pmml_model_output_optype = _fn("pmml_model_output_optype", ctypes.c_int, P, c_size)
pmml_model_output_value_count = _fn("pmml_model_output_value_count", c_size, P, c_size)
pmml_model_output_value = _fn("pmml_model_output_value", ctypes.c_char_p, P, c_size, c_size)
pmml_scorer_new = _fn("pmml_scorer_new", ctypes.c_int, ctypes.POINTER(P), P,
                      ctypes.POINTER(Column), c_size, ctypes.POINTER(Error))
pmml_scorer_column_field = _fn("pmml_scorer_column_field", ctypes.c_long, P, c_size)
pmml_scorer_score = _fn("pmml_scorer_score", ctypes.c_int, P, ctypes.POINTER(Column),
                        c_size, ctypes.POINTER(Result), P)
pmml_scorer_message = _fn("pmml_scorer_message", ctypes.c_char_p, P, c_size)
pmml_scorer_free = _fn("pmml_scorer_free", None, P)
