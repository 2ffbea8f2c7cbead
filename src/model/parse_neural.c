/* parse_neural.c - NeuralNetwork: inputs, layers of neurons, outputs. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

static const char *const activation_names[] = {
    "threshold", "logistic", "tanh", "identity", "exponential", "reciprocal", "square",
    "Gauss", "sine", "cosine", "Elliott", "arctan", "rectifier", "radialBasis", NULL
};
static const char *const nn_norm_names[] = { "none", "simplemax", "softmax", NULL };

void pm_parse_neural_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_neural *nn = &m->u.nn;
    pa_req(c, n, "activationFunction");
    nn->activation = pa_enum(c, n, "activationFunction", activation_names, 0);
    nn->normalization = pa_enum(c, n, "normalizationMethod", nn_norm_names, NN_NORM_NONE);
    nn->threshold = pa_num(c, n, "threshold", 0.0);
    nn->has_width = pa_str(n, "width") != NULL;
    nn->width = pa_num(c, n, "width", 0.0);
    nn->altitude = pa_num(c, n, "altitude", 1.0);
}

/* A NeuralInput or NeuralOutput: an id (or outputNeuron) and a DerivedField. */
static void parse_io(pm_ctx *c, const px_node *n, const char *id_attr, const char **id,
                     pm_derived *d)
{
    const px_node *df = NULL;
    *id = pa_req(c, n, id_attr);
    PX_FOREACH(k, n) {
        if (px_is(k, "DerivedField")) {
            if (df)
                pm_bad(c, n, "more than one DerivedField");
            df = k;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!df)
        pm_bad(c, n, "a DerivedField is required");
    *d = *pm_parse_derived(c, df, 0);
}

static void parse_neuron(pm_ctx *c, const px_node *n, pm_neuron *u)
{
    size_t count = px_count(n, "Con"), i = 0;
    u->line = n->line;
    u->id = pa_req(c, n, "id");
    u->bias = pa_num(c, n, "bias", 0.0);
    u->has_width = pa_str(n, "width") != NULL;
    u->width = pa_num(c, n, "width", 0.0);
    u->has_altitude = pa_str(n, "altitude") != NULL;
    u->altitude = pa_num(c, n, "altitude", 1.0);
    u->from = PM_NEW_ARRAY(c, c->tmp, const char *, count + 1);
    u->weights = PM_NEW_ARRAY(c, c->tmp, double, count + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "Con")) {
            u->from[i] = pa_req(c, k, "from");
            u->weights[i] = pa_num(c, k, "weight", 0.0);
            if (!pa_str(k, "weight"))
                pm_bad(c, k, "the required attribute 'weight' is missing");
            i++;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    u->ncons = count;
}

static void parse_layer(pm_ctx *c, const px_node *n, pm_nlayer *l)
{
    size_t count = px_count(n, "Neuron"), i = 0;
    l->line = n->line;
    l->activation = pa_str(n, "activationFunction")
                        ? pa_enum(c, n, "activationFunction", activation_names, 0)
                        : -1;
    l->normalization = pa_str(n, "normalizationMethod")
                           ? pa_enum(c, n, "normalizationMethod", nn_norm_names, 0)
                           : -1;
    l->has_threshold = pa_str(n, "threshold") != NULL;
    l->threshold = pa_num(c, n, "threshold", 0.0);
    l->has_width = pa_str(n, "width") != NULL;
    l->width = pa_num(c, n, "width", 0.0);
    l->has_altitude = pa_str(n, "altitude") != NULL;
    l->altitude = pa_num(c, n, "altitude", 1.0);
    l->neurons = PM_NEW_ARRAY(c, c->tmp, pm_neuron, count + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "Neuron"))
            parse_neuron(c, k, &l->neurons[i++]);
        else if (!px_ignorable(k))
            pm_unexpected(c, n, k);
    }
    l->nneurons = count;
    if (count == 0)
        pm_bad(c, n, "a NeuralLayer needs at least one Neuron");
}

int pm_parse_neural_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_neural *nn = &m->u.nn;
    size_t i = 0;
    if (px_is(k, "NeuralInputs")) {
        size_t count = px_count(k, "NeuralInput");
        nn->input_ids = PM_NEW_ARRAY(c, c->tmp, const char *, count + 1);
        nn->inputs = PM_NEW_ARRAY(c, c->tmp, pm_derived, count + 1);
        PX_FOREACH(in, k) {
            if (px_is(in, "NeuralInput"))
                parse_io(c, in, "id", &nn->input_ids[i], &nn->inputs[i]), i++;
            else if (!px_ignorable(in))
                pm_unexpected(c, k, in);
        }
        nn->ninputs = count;
        return 1;
    }
    if (px_is(k, "NeuralLayer")) {
        if (!nn->layers) {
            size_t count = px_count(k->parent, "NeuralLayer");
            nn->layers = PM_NEW_ARRAY(c, c->tmp, pm_nlayer, count + 1);
        }
        parse_layer(c, k, &nn->layers[nn->nlayers++]);
        return 1;
    }
    if (px_is(k, "NeuralOutputs")) {
        size_t count = px_count(k, "NeuralOutput");
        nn->output_neurons = PM_NEW_ARRAY(c, c->tmp, const char *, count + 1);
        nn->outputs = PM_NEW_ARRAY(c, c->tmp, pm_derived, count + 1);
        PX_FOREACH(out, k) {
            if (px_is(out, "NeuralOutput"))
                parse_io(c, out, "outputNeuron", &nn->output_neurons[i], &nn->outputs[i]), i++;
            else if (!px_ignorable(out))
                pm_unexpected(c, k, out);
        }
        nn->noutputs = count;
        return 1;
    }
    return 0;
}

void pm_parse_neural_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_neural *nn = &m->u.nn;
    if (!nn->ninputs)
        pm_bad(c, n, "NeuralInputs with at least one NeuralInput are required");
    if (!nn->nlayers)
        pm_bad(c, n, "at least one NeuralLayer is required");
    if (!nn->noutputs)
        pm_bad(c, n, "NeuralOutputs with at least one NeuralOutput are required");
    if (m->function != FUNC_REGRESSION && m->function != FUNC_CLASSIFICATION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "NeuralNetwork: functionName=\"%s\" is not supported", m->function_name);
}
