/* test_families.c - GaussianProcessModel, TimeSeriesModel and
 * BayesianNetworkModel: values worked out by hand from the PMML 4.4 formulas,
 * and the features refused at load. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static void expect_error(const char *body, int code, const char *element, const char *needle)
{
    char *doc = t_pmml(body);
    pmml_error err;
    t_load(doc, code, &err);
    if (element)
        ck_assert_str_eq(err.element, element);
    if (needle)
        ck_assert_msg(strstr(err.message, needle) != NULL, "message '%s' lacks '%s'",
                      err.message, needle);
    free(doc);
}

static void expect_close(const char *scored, const char *name, double want)
{
    double got = t_num(scored, name);
    ck_assert_msg(fabs(got - want) <= 1e-12 * fmax(1.0, fabs(want)), "%s: %.17g, want %.17g (%s)",
                  name, got, want, scored);
}

/* ---- GaussianProcessModel ---- */

#define GP_DICT                                                                               \
    "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"       \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
#define GP_SCHEMA                                                                             \
    "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"y\" usageType=\"predicted\"/>" \
    "</MiningSchema>"
#define GP_OUT                                                                                \
    "<Output><OutputField name=\"sd\" feature=\"standardDeviation\"/></Output>"
#define GP_INST(rows)                                                                         \
    "<TrainingInstances><InstanceFields><InstanceField field=\"x\"/><InstanceField "          \
    "field=\"y\"/></InstanceFields><InlineTable>" rows "</InlineTable></TrainingInstances>"

static char *gp_doc(const char *kernel, const char *rows)
{
    static char buf[4096];
    snprintf(buf, sizeof buf,
             GP_DICT "<GaussianProcessModel functionName=\"regression\">" GP_SCHEMA GP_OUT
                     "%s" GP_INST("%s") "</GaussianProcessModel>",
             kernel, rows);
    return t_pmml(buf);
}

START_TEST(gp_one_instance)
{
    /* One instance (x=0, y=2), gamma 1, lambda 1, noise 1: K + noise = 2, so
     * alpha = 1; at x=1, k = exp(-1/2): mean = exp(-1/2) and the variance is
     * 1 + 1 - k^2 / 2. */
    char *doc = gp_doc("<RadialBasisKernel/>", "<row><x>0</x><y>2</y></row>");
    char *r = t_score_doc(doc, "x=1");
    expect_close(r, "y", exp(-0.5));
    expect_close(r, "sd", sqrt(2.0 - exp(-1.0) / 2.0));
    free(r);
    r = t_score_doc(doc, "x=");
    ck_assert_str_eq(r, "y=;sd=");
    free(r);
    free(doc);
}
END_TEST

START_TEST(gp_two_instances_every_kernel)
{
    /* Instances x=0 (y=1) and x=2 (y=3), gamma 2, noise 0.5, lambda 2; scored
     * at x=1, at distance 1 from both.  With c the covariance of the two
     * instances and k that of x with each: K + noise = [[2.5, c], [c, 2.5]],
     * alpha = (K + noise)^-1 y, mean = k (alpha1 + alpha2) = 4k / (2.5 + c)
     * and the variance 2 + 0.5 - 2k^2 / (2.5 + c). */
    static const char *const kernels[] = {
        "<RadialBasisKernel gamma=\"2\" noiseVariance=\"0.5\" lambda=\"2\"/>",
        "<ARDSquaredExponentialKernel gamma=\"2\" noiseVariance=\"0.5\"><Lambda><Array "
        "type=\"real\">2</Array></Lambda></ARDSquaredExponentialKernel>",
        "<AbsoluteExponentialKernel gamma=\"2\" noiseVariance=\"0.5\"><Lambda><Array "
        "type=\"real\">2</Array></Lambda></AbsoluteExponentialKernel>",
        "<GeneralizedExponentialKernel gamma=\"2\" noiseVariance=\"0.5\" degree=\"3\"><Lambda>"
        "<Array type=\"real\">2</Array></Lambda></GeneralizedExponentialKernel>",
    };
    /* exponents at distance 1 and at distance 2 */
    const double e1[] = { 0.125, 0.125, 0.5, 0.125 }, e2[] = { 0.5, 0.5, 1.0, 1.0 };
    size_t i;
    for (i = 0; i < 4; i++) {
        char *doc = gp_doc(kernels[i], "<row><x>0</x><y>1</y></row><row><x>2</x><y>3</y></row>");
        char *r = t_score_doc(doc, "x=1");
        double k = 2.0 * exp(-e1[i]), c = 2.0 * exp(-e2[i]);
        expect_close(r, "y", 4.0 * k / (2.5 + c));
        expect_close(r, "sd", sqrt(2.5 - 2.0 * k * k / (2.5 + c)));
        free(r);
        free(doc);
    }
}
END_TEST

START_TEST(gp_errors)
{
    expect_error(GP_DICT "<GaussianProcessModel functionName=\"regression\">" GP_SCHEMA GP_INST(
                     "<row><x>0</x><y>1</y></row>") "</GaussianProcessModel>",
                 PMML_ERR_PMML, "GaussianProcessModel", "kernel");
    expect_error(GP_DICT "<GaussianProcessModel functionName=\"classification\">" GP_SCHEMA
                         "<RadialBasisKernel/>" GP_INST("<row><x>0</x><y>1</y></row>")
                         "</GaussianProcessModel>",
                 PMML_ERR_UNSUPPORTED, "GaussianProcessModel", "classification");
    expect_error(GP_DICT "<GaussianProcessModel functionName=\"regression\">" GP_SCHEMA
                         "<ARDSquaredExponentialKernel><Lambda><Array type=\"real\">1 2</Array>"
                         "</Lambda></ARDSquaredExponentialKernel>" GP_INST(
                             "<row><x>0</x><y>1</y></row>") "</GaussianProcessModel>",
                 PMML_ERR_PMML, "Lambda", "2 values for 1 input");
    /* the same instance twice without noise: K is singular */
    expect_error(GP_DICT "<GaussianProcessModel functionName=\"regression\">" GP_SCHEMA
                         "<RadialBasisKernel noiseVariance=\"0\"/>" GP_INST(
                             "<row><x>0</x><y>1</y></row><row><x>0</x><y>1</y></row>")
                         "</GaussianProcessModel>",
                 PMML_ERR_PMML, "GaussianProcessModel", "positive definite");
    expect_error(GP_DICT "<GaussianProcessModel functionName=\"regression\">" GP_SCHEMA
                         "<RadialBasisKernel/>" GP_INST("<row><x>0</x><y>1</y></row><row><x>1</x></row>")
                         "</GaussianProcessModel>",
                 PMML_ERR_PMML, "InlineTable", "'y' is missing");
}
END_TEST

/* ---- TimeSeriesModel ---- */

#define TS_DICT                                                                               \
    "<DataDictionary><DataField name=\"h\" optype=\"continuous\" dataType=\"double\"/>"       \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
#define TS_SCHEMA                                                                             \
    "<MiningSchema><MiningField name=\"h\"/><MiningField name=\"y\" usageType=\"target\"/>"  \
    "</MiningSchema>"

static char *ts_doc(const char *fit, const char *body)
{
    static char buf[4096];
    snprintf(buf, sizeof buf,
             TS_DICT "<TimeSeriesModel functionName=\"timeSeries\" bestFit=\"%s\">" TS_SCHEMA
                     "%s</TimeSeriesModel>",
             fit, body);
    return t_pmml(buf);
}

static void expect_forecast(const char *doc, const char *h, double want)
{
    char row[32], *r;
    snprintf(row, sizeof row, "h=%s", h);
    r = t_score_doc(doc, row);
    expect_close(r, "y", want);
    free(r);
}

START_TEST(ts_exponential_smoothing)
{
    char *doc = ts_doc("ExponentialSmoothing", "<ExponentialSmoothing><Level alpha=\"0.5\" "
                                               "smoothedValue=\"10\"/></ExponentialSmoothing>");
    char *r;
    expect_forecast(doc, "3", 10.0); /* no trend: the level */
    r = t_score_doc(doc, "h=1.5");   /* steps ahead are whole */
    ck_assert_str_eq(r, "y=");
    free(r);
    r = t_score_doc(doc, "h=");
    ck_assert_str_eq(r, "y=");
    free(r);
    free(doc);
    /* additive: 10 + 3 * 2 */
    doc = ts_doc("ExponentialSmoothing",
                 "<ExponentialSmoothing><Level smoothedValue=\"10\"/><Trend_ExpoSmooth "
                 "smoothedValue=\"2\"/></ExponentialSmoothing>");
    expect_forecast(doc, "3", 16.0);
    free(doc);
    /* damped additive, phi 0.5: 10 + (0.5 + 0.25) 2 */
    doc = ts_doc("ExponentialSmoothing",
                 "<ExponentialSmoothing><Level smoothedValue=\"10\"/><Trend_ExpoSmooth "
                 "trend=\"damped_additive\" phi=\"0.5\" smoothedValue=\"2\"/>"
                 "</ExponentialSmoothing>");
    expect_forecast(doc, "2", 11.5);
    free(doc);
    /* multiplicative with multiplicative seasons (period 2): 10 * 2^3 * 0.5 */
    doc = ts_doc("ExponentialSmoothing",
                 "<ExponentialSmoothing><Level smoothedValue=\"10\"/><Trend_ExpoSmooth "
                 "trend=\"multiplicative\" smoothedValue=\"2\"/><Seasonality_ExpoSmooth "
                 "type=\"multiplicative\" period=\"2\"><Array type=\"real\">0.5 "
                 "1.5</Array></Seasonality_ExpoSmooth></ExponentialSmoothing>");
    expect_forecast(doc, "3", 40.0);
    expect_forecast(doc, "2", 60.0);
    free(doc);
}
END_TEST

START_TEST(ts_arima)
{
    char *r;
    /* AR(1): y = 1 + 0.5 y[t-1] from 4: 3, then 2.5 */
    char *doc = ts_doc("ARIMA", "<TimeSeries><TimeValue value=\"7\"/><TimeValue value=\"4\"/>"
                                "</TimeSeries><ARIMA constantTerm=\"1\"><NonseasonalComponent "
                                "p=\"1\"><AR><Array type=\"real\">0.5</Array></AR>"
                                "</NonseasonalComponent></ARIMA>");
    expect_forecast(doc, "1", 3.0);
    expect_forecast(doc, "2", 2.5);
    free(doc);
    /* its standard error 3 steps ahead: psi = 1, 0.5, 0.25 */
    doc = ts_doc("ARIMA", "<TimeSeries><TimeValue value=\"4\"/></TimeSeries><ARIMA "
                          "RMSE=\"2\" constantTerm=\"1\"><NonseasonalComponent p=\"1\"><AR>"
                          "<Array type=\"real\">0.5</Array></AR></NonseasonalComponent></ARIMA>");
    {
        char *body = strstr(doc, "<TimeSeries>"), *withse;
        size_t len = strlen(doc) + 200;
        withse = malloc(len);
        snprintf(withse, len, "%.*s<Output><OutputField name=\"se\" feature=\"standardError\"/>"
                 "</Output>%s", (int)(body - doc), doc, body);
        r = t_score_doc(withse, "h=3");
        expect_close(r, "se", 2.0 * sqrt(1.0 + 0.25 + 0.0625));
        free(r);
        free(withse);
    }
    free(doc);
    /* MA(1), theta 0.4, last residual 0.5: 2 - 0.2, then the mean 2 */
    doc = ts_doc("ARIMA", "<ARIMA constantTerm=\"2\"><NonseasonalComponent q=\"1\"><MA>"
                          "<MACoefficients><Array type=\"real\">0.4</Array></MACoefficients>"
                          "<Residuals><Array type=\"real\">9 0.5</Array></Residuals></MA>"
                          "</NonseasonalComponent></ARIMA>");
    expect_forecast(doc, "1", 1.8);
    expect_forecast(doc, "2", 2.0);
    free(doc);
    /* a random walk (d=1) stays at its last value; TimeValue index orders it */
    doc = ts_doc("ARIMA", "<TimeSeries><TimeValue index=\"2\" value=\"5\"/><TimeValue "
                          "index=\"1\" value=\"3\"/></TimeSeries><ARIMA><NonseasonalComponent "
                          "d=\"1\"/></ARIMA>");
    expect_forecast(doc, "4", 5.0);
    free(doc);
}
END_TEST

START_TEST(ts_errors)
{
    char *doc;
    pmml_error err;
    expect_error(TS_DICT "<TimeSeriesModel functionName=\"timeSeries\" bestFit=\"GARCH\">" TS_SCHEMA
                         "</TimeSeriesModel>",
                 PMML_ERR_UNSUPPORTED, "TimeSeriesModel", "GARCH");
    doc = ts_doc("ARIMA", "<ARIMA predictionMethod=\"exactLeastSquares\"/>");
    t_load(doc, PMML_ERR_UNSUPPORTED, &err);
    ck_assert_str_eq(err.element, "ARIMA");
    free(doc);
    doc = ts_doc("ExponentialSmoothing",
                 "<ExponentialSmoothing><Level smoothedValue=\"1\"/><Trend_ExpoSmooth "
                 "trend=\"polynomial_exponential\" smoothedValue=\"1\"/></ExponentialSmoothing>");
    t_load(doc, PMML_ERR_UNSUPPORTED, &err);
    ck_assert_str_eq(err.element, "Trend_ExpoSmooth");
    free(doc);
    doc = ts_doc("ARIMA", "<TimeSeries><TimeValue value=\"1\"/></TimeSeries><ARIMA>"
                          "<NonseasonalComponent p=\"2\"><AR><Array type=\"real\">0.1 0.2"
                          "</Array></AR></NonseasonalComponent></ARIMA>");
    t_load(doc, PMML_ERR_PMML, &err);
    ck_assert_msg(strstr(err.message, "last 2 values") != NULL, "%s", err.message);
    free(doc);
    expect_error(TS_DICT "<TimeSeriesModel functionName=\"timeSeries\" bestFit=\"ARIMA\">"
                         "<MiningSchema><MiningField name=\"y\" usageType=\"target\"/>"
                         "</MiningSchema><ARIMA/></TimeSeriesModel>",
                 PMML_ERR_PMML, "TimeSeriesModel", "horizon");
}
END_TEST

/* ---- BayesianNetworkModel ---- */

#define BN_DICT                                                                               \
    "<DataDictionary><DataField name=\"A\" optype=\"categorical\" dataType=\"string\"/>"      \
    "<DataField name=\"B\" optype=\"categorical\" dataType=\"string\"/>"                      \
    "<DataField name=\"C\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
#define BN_HEAD                                                                               \
    BN_DICT "<BayesianNetworkModel functionName=\"classification\"><MiningSchema>"            \
            "<MiningField name=\"B\"/><MiningField name=\"C\"/><MiningField name=\"A\" "      \
            "usageType=\"target\"/></MiningSchema><Output><OutputField name=\"px\" "          \
            "feature=\"probability\" value=\"x\"/></Output><BayesianNetworkNodes>"
#define BN_TAIL "</BayesianNetworkNodes></BayesianNetworkModel>"
#define BN_A                                                                                  \
    "<DiscreteNode name=\"A\"><ValueProbability value=\"x\" probability=\"0.2\"/>"          \
    "<ValueProbability value=\"y\" probability=\"0.8\"/></DiscreteNode>"
#define BN_B                                                                                  \
    "<DiscreteNode name=\"B\"><DiscreteConditionalProbability><ParentValue parent=\"A\" "    \
    "value=\"x\"/><ValueProbability value=\"u\" probability=\"0.5\"/><ValueProbability "    \
    "value=\"v\" probability=\"0.5\"/></DiscreteConditionalProbability>"                     \
    "<DiscreteConditionalProbability><ParentValue parent=\"A\" value=\"y\"/>"                \
    "<ValueProbability value=\"u\" probability=\"0.25\"/><ValueProbability value=\"v\" "   \
    "probability=\"0.75\"/></DiscreteConditionalProbability></DiscreteNode>"
#define BN_NORMAL(v, mean)                                                                    \
    "<ContinuousConditionalProbability><ParentValue parent=\"A\" value=\"" v "\"/>"          \
    "<ContinuousDistribution><NormalDistributionForBN><Mean><Constant>" mean "</Constant>"    \
    "</Mean><Variance><Constant>1</Constant></Variance></NormalDistributionForBN>"            \
    "</ContinuousDistribution></ContinuousConditionalProbability>"

START_TEST(bn_discrete_posterior)
{
    char *doc = t_pmml(BN_HEAD BN_A BN_B BN_TAIL);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    char *r;
    /* P(x | u) = 0.2 * 0.5 / (0.2 * 0.5 + 0.8 * 0.25) = 1/3 */
    r = t_score(m, "B=u");
    expect_close(r, "px", 1.0 / 3.0);
    ck_assert_ptr_nonnull(strstr(r, "A=y"));
    free(r);
    /* no evidence: the prior; C is no node of this network and is ignored */
    r = t_score(m, "B=;C=5");
    expect_close(r, "px", 0.2);
    free(r);
    /* a value the network does not know: no posterior */
    r = t_score(m, "B=w");
    ck_assert_str_eq(r, "A=;px=");
    free(r);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(bn_continuous_evidence)
{
    char *doc = t_pmml(BN_HEAD BN_A "<ContinuousNode name=\"C\">" BN_NORMAL("x", "0")
                           BN_NORMAL("y", "2") "</ContinuousNode>" BN_TAIL);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    char *r;
    /* C=1 is as likely under both: the prior */
    r = t_score(m, "C=1");
    expect_close(r, "px", 0.2);
    free(r);
    /* C=0: densities in the ratio 1 : exp(-2) */
    r = t_score(m, "C=0");
    expect_close(r, "px", 0.2 / (0.2 + 0.8 * exp(-2.0)));
    free(r);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(bn_derived_node)
{
    /* the node Cb is C discretized by its DerivedField: C=-1 is "lo", so
     * P(x | lo) = 0.2 * 0.9 / (0.2 * 0.9 + 0.8 * 0.2) */
    char *doc = t_pmml(
        BN_HEAD BN_A "<DiscreteNode name=\"Cb\"><DerivedField name=\"Cb\" optype=\"categorical\" "
        "dataType=\"string\"><Discretize field=\"C\"><DiscretizeBin binValue=\"lo\"><Interval "
        "closure=\"openOpen\" rightMargin=\"0\"/></DiscretizeBin><DiscretizeBin binValue=\"hi\">"
        "<Interval closure=\"closedOpen\" leftMargin=\"0\"/></DiscretizeBin></Discretize>"
        "</DerivedField><DiscreteConditionalProbability><ParentValue parent=\"A\" value=\"x\"/>"
        "<ValueProbability value=\"lo\" probability=\"0.9\"/><ValueProbability value=\"hi\" "
        "probability=\"0.1\"/></DiscreteConditionalProbability><DiscreteConditionalProbability>"
        "<ParentValue parent=\"A\" value=\"y\"/><ValueProbability value=\"lo\" "
        "probability=\"0.2\"/><ValueProbability value=\"hi\" probability=\"0.8\"/>"
        "</DiscreteConditionalProbability></DiscreteNode>" BN_TAIL);
    char *r = t_score_doc(doc, "C=-1");
    expect_close(r, "px", 0.18 / 0.34);
    free(r);
    free(doc);
}
END_TEST

START_TEST(bn_errors)
{
    /* a cycle: A's parent is B and B's is A */
    expect_error(BN_HEAD "<DiscreteNode name=\"A\"><DiscreteConditionalProbability>"
                         "<ParentValue parent=\"B\" value=\"u\"/><ValueProbability value=\"x\" "
                         "probability=\"1\"/></DiscreteConditionalProbability></DiscreteNode>"
                         "<DiscreteNode name=\"B\"><DiscreteConditionalProbability>"
                         "<ParentValue parent=\"A\" value=\"x\"/><ValueProbability value=\"u\" "
                         "probability=\"1\"/></DiscreteConditionalProbability></DiscreteNode>" BN_TAIL,
                 PMML_ERR_PMML, "BayesianNetworkNodes", "cycle");
    /* B has no entry for A=y */
    expect_error(BN_HEAD BN_A "<DiscreteNode name=\"B\"><DiscreteConditionalProbability>"
                              "<ParentValue parent=\"A\" value=\"x\"/><ValueProbability "
                              "value=\"u\" probability=\"1\"/></DiscreteConditionalProbability>"
                              "</DiscreteNode>" BN_TAIL,
                 PMML_ERR_PMML, "DiscreteNode", "no entry");
    expect_error(BN_DICT "<BayesianNetworkModel functionName=\"regression\"><MiningSchema>"
                         "<MiningField name=\"A\"/></MiningSchema><BayesianNetworkNodes>" BN_A
                         BN_TAIL,
                 PMML_ERR_UNSUPPORTED, "BayesianNetworkModel", "regression");
}
END_TEST

/* ---- ClusteringModel CenterFields (PMML 1.1 to 3.2) ---- */

START_TEST(clustering_center_fields)
{
    /* a PMML 2.0 normalisation as the one center field: centers 0 and 10 */
    const char *body =
        "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
        "</DataDictionary><ClusteringModel functionName=\"clustering\" "
        "modelClass=\"centerBased\" numberOfClusters=\"2\"><MiningSchema><MiningField "
        "name=\"x\"/></MiningSchema><Output><OutputField name=\"d\" "
        "feature=\"clusterAffinity\"/></Output><ComparisonMeasure kind=\"distance\">"
        "<squaredEuclidean/></ComparisonMeasure><CenterFields><NormContinuous field=\"x\">"
        "<LinearNorm orig=\"0\" norm=\"0\"/><LinearNorm orig=\"1\" norm=\"2\"/>"
        "</NormContinuous></CenterFields><Cluster><Array type=\"real\">0</Array></Cluster>"
        "<Cluster><Array type=\"real\">10</Array></Cluster></ClusteringModel>";
    char *doc = t_pmml(body), *r;
    /* x=3 is 6 after normalisation: 36 from the first center, 16 from the second */
    r = t_score_doc(doc, "x=3");
    ck_assert_str_eq(r, "prediction=2;d=16");
    free(r);
    free(doc);
}
END_TEST

Suite *suite_families(void)
{
    Suite *s = suite_create("families");
    TCase *tc = tcase_create("families");
    tcase_add_test(tc, gp_one_instance);
    tcase_add_test(tc, gp_two_instances_every_kernel);
    tcase_add_test(tc, gp_errors);
    tcase_add_test(tc, ts_exponential_smoothing);
    tcase_add_test(tc, ts_arima);
    tcase_add_test(tc, ts_errors);
    tcase_add_test(tc, bn_discrete_posterior);
    tcase_add_test(tc, bn_continuous_evidence);
    tcase_add_test(tc, bn_derived_node);
    tcase_add_test(tc, bn_errors);
    tcase_add_test(tc, clustering_center_fields);
    suite_add_tcase(s, tc);
    return s;
}
