/* test_model.c - the model layer: attributes, elements, dialects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

#define DICT                                                                                  \
    "<DataDictionary>"                                                                        \
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"                       \
    "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"                       \
    "<Value value=\"a\"/><Value value=\"b b\"/><Value value=\"q&quot;t\"/></DataField>"       \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"

#define SCHEMA                                                                                \
    "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"c\"/>"                        \
    "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"

static void expect(const char *body, int code, int line, const char *element, const char *needle)
{
    char *doc = t_pmml(body);
    pmml_error err;
    t_load(doc, code, &err);
    if (line)
        ck_assert_int_eq(err.line, line);
    if (element)
        ck_assert_str_eq(err.element, element);
    if (needle)
        ck_assert_msg(strstr(err.message, needle) != NULL, "message '%s' lacks '%s'",
                      err.message, needle);
    free(doc);
}

START_TEST(missing_required_attribute)
{
    expect(DICT "<RegressionModel functionName=\"regression\">\n" SCHEMA
                "<RegressionTable><NumericPredictor name=\"x\"/></RegressionTable>"
                "</RegressionModel>",
           PMML_ERR_PMML, 5, "NumericPredictor", "'coefficient' is missing");
    expect(DICT "<TreeModel>" SCHEMA "<Node><True/></Node></TreeModel>", PMML_ERR_PMML, 0,
           "TreeModel", "'functionName'");
}
END_TEST

START_TEST(numbers_that_do_not_parse)
{
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"one\"/></RegressionModel>",
           PMML_ERR_PMML, 0, "RegressionTable", "'one' is not a number");
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"1e999999\"/></RegressionModel>",
           PMML_ERR_PMML, 0, "RegressionTable", "out of the range");
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><NumericPredictor name=\"x\" "
                "coefficient=\"0x10\"/></RegressionTable></RegressionModel>",
           PMML_ERR_PMML, 0, "NumericPredictor", "not a number");
}
END_TEST

START_TEST(unknown_and_unsupported_elements)
{
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><Bogus/></RegressionTable></RegressionModel>",
           PMML_ERR_UNSUPPORTED, 0, "Bogus", "<Bogus> is not supported inside <RegressionTable>");
    expect(DICT "\n<SequenceModel functionName=\"sequences\" numberOfTransactions=\"1\" "
                "numberOfTransactionGroups=\"1\" minimumSupport=\"0.1\" "
                "minimumConfidence=\"0.1\"></SequenceModel>",
           PMML_ERR_UNSUPPORTED, 5, "SequenceModel", "not supported");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA
                "<Node><True/><Node score=\"1\"><True/><Regression/></Node></Node></TreeModel>",
           PMML_ERR_UNSUPPORTED, 0, "Regression", "embedded");
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<LocalTransformations><DerivedField name=\"d\" optype=\"continuous\" "
                "dataType=\"double\"><Aggregate field=\"x\" function=\"sum\"/></DerivedField>"
                "</LocalTransformations><RegressionTable intercept=\"0\"/></RegressionModel>",
           PMML_ERR_UNSUPPORTED, 0, "Aggregate", "without a groupField");
}
END_TEST

START_TEST(bad_enumerations)
{
    expect(DICT "<TreeModel functionName=\"regression\" missingValueStrategy=\"guess\">" SCHEMA
                "<Node><True/></Node></TreeModel>",
           PMML_ERR_PMML, 0, "TreeModel", "'guess'");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA
                "<Node><SimplePredicate field=\"x\" operator=\"about\" value=\"1\"/></Node>"
                "</TreeModel>",
           PMML_ERR_PMML, 0, "SimplePredicate", "'about'");
}
END_TEST

START_TEST(array_parsing)
{
    /* quoted items keep blanks, \" is a quote, n must match */
    char *doc = t_pmml(
        DICT "<TreeModel functionName=\"regression\">" SCHEMA "<Node score=\"0\"><True/>"
             "<Node score=\"1\"><SimpleSetPredicate field=\"c\" booleanOperator=\"isIn\">"
             "<Array n=\"2\" type=\"string\">\"b b\" \"q\\\"t\"</Array></SimpleSetPredicate>"
             "</Node><Node score=\"2\"><True/></Node></Node></TreeModel>");
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    char *r;
    r = t_score(m, "c=b b");
    ck_assert_str_eq(r, "y=1");
    free(r);
    r = t_score(m, "c=q\"t");
    ck_assert_str_eq(r, "y=1");
    free(r);
    r = t_score(m, "c=a");
    ck_assert_str_eq(r, "y=2");
    free(r);
    pmml_model_free(m);
    free(doc);
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA "<Node score=\"0\">"
                "<SimpleSetPredicate field=\"c\" booleanOperator=\"isIn\"><Array n=\"3\" "
                "type=\"string\">a b</Array></SimpleSetPredicate></Node></TreeModel>",
           PMML_ERR_PMML, 0, "Array", "n=\"3\"");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA "<Node score=\"0\">"
                "<SimpleSetPredicate field=\"c\" booleanOperator=\"isIn\"><Array "
                "type=\"string\">\"open</Array></SimpleSetPredicate></Node></TreeModel>",
           PMML_ERR_PMML, 0, "Array", "not closed");
}
END_TEST

START_TEST(x_spelling_of_newer_attributes)
{
    /* PMML 4.3 converters wrote x-invalidValueReplacement */
    char *doc = t_pmml(DICT "<RegressionModel functionName=\"regression\"><MiningSchema>"
                            "<MiningField name=\"x\" invalidValueTreatment=\"asIs\" "
                            "x-invalidValueReplacement=\"10\"/>"
                            "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
                            "<RegressionTable intercept=\"0\"><NumericPredictor name=\"x\" "
                            "coefficient=\"1\"/></RegressionTable></RegressionModel>");
    char *r = t_score_doc(doc, "x=abc");
    ck_assert_str_eq(r, "y=10");
    free(r);
    free(doc);
}
END_TEST

START_TEST(first_scorable_model_is_used)
{
    char *doc = t_pmml(DICT "<RegressionModel functionName=\"regression\" isScorable=\"false\">"
                            SCHEMA "<RegressionTable intercept=\"1\"/></RegressionModel>"
                            "<RegressionModel functionName=\"regression\">" SCHEMA
                            "<RegressionTable intercept=\"2\"/></RegressionModel>");
    char *r = t_score_doc(doc, "x=1");
    ck_assert_str_eq(r, "y=2");
    free(r);
    free(doc);
    expect(DICT, PMML_ERR_PMML, 0, NULL, "no model element");
}
END_TEST

/* ---- model families (issue 8): bad input names the element and line ---- */

START_TEST(scorecard_errors)
{
    expect(DICT "<Scorecard functionName=\"regression\">" SCHEMA "<Characteristics>\n"
                "<Characteristic reasonCode=\"R\"><Attribute partialScore=\"1\"><True/>"
                "</Attribute></Characteristic></Characteristics></Scorecard>",
           PMML_ERR_PMML, 5, "Characteristic", "no baselineScore");
    expect(DICT "<Scorecard functionName=\"regression\" baselineScore=\"0\">" SCHEMA
                "<Characteristics><Characteristic>\n<Attribute partialScore=\"1\"><True/>"
                "</Attribute></Characteristic></Characteristics></Scorecard>",
           PMML_ERR_PMML, 5, "Attribute", "no reasonCode");
    expect(DICT "<Scorecard functionName=\"regression\" useReasonCodes=\"false\">" SCHEMA
                "<Characteristics><Characteristic>\n<Attribute><True/></Attribute>"
                "</Characteristic></Characteristics></Scorecard>",
           PMML_ERR_PMML, 5, "Attribute", "partialScore");
    expect(DICT "<Scorecard functionName=\"classification\">" SCHEMA
                "<Characteristics/></Scorecard>",
           PMML_ERR_UNSUPPORTED, 0, "Scorecard", "functionName");
    expect(DICT "<Scorecard functionName=\"regression\" reasonCodeAlgorithm=\"pointsAround\">"
                SCHEMA "</Scorecard>",
           PMML_ERR_PMML, 0, "Scorecard", "'pointsAround'");
    expect(DICT "<Scorecard functionName=\"regression\" useReasonCodes=\"false\">" SCHEMA
                "<Characteristics><Characteristic><Attribute partialScore=\"1\"><True/>"
                "</Attribute></Characteristic></Characteristics><Output>\n"
                "<OutputField name=\"r\" feature=\"reasonCode\"/></Output></Scorecard>",
           PMML_ERR_PMML, 5, "OutputField", "useReasonCodes");
}
END_TEST

START_TEST(ruleset_errors)
{
    expect(DICT "<RuleSetModel functionName=\"classification\">" SCHEMA "<RuleSet>\n"
                "<SimpleRule score=\"a\"><True/></SimpleRule></RuleSet></RuleSetModel>",
           PMML_ERR_PMML, 4, "RuleSet", "RuleSelectionMethod");
    expect(DICT "<RuleSetModel functionName=\"classification\">" SCHEMA "<RuleSet>"
                "<RuleSelectionMethod criterion=\"firstHit\"/>\n<SimpleRule><True/></SimpleRule>"
                "</RuleSet></RuleSetModel>",
           PMML_ERR_PMML, 5, "SimpleRule", "'score'");
    expect(DICT "<RuleSetModel functionName=\"classification\">" SCHEMA "<RuleSet>"
                "<RuleSelectionMethod criterion=\"bestHit\"/></RuleSet></RuleSetModel>",
           PMML_ERR_PMML, 0, "RuleSelectionMethod", "'bestHit'");
    expect(DICT "<RuleSetModel functionName=\"classification\">" SCHEMA "<RuleSet>"
                "<RuleSelectionMethod criterion=\"firstHit\"/>\n<CompoundRule><True/>"
                "</CompoundRule></RuleSet></RuleSetModel>",
           PMML_ERR_PMML, 5, "CompoundRule", "at least one rule");
    expect(DICT "<RuleSetModel functionName=\"regression\">" SCHEMA "<RuleSet>"
                "<RuleSelectionMethod criterion=\"firstHit\"/></RuleSet></RuleSetModel>",
           PMML_ERR_UNSUPPORTED, 0, "RuleSetModel", "functionName");
    expect(DICT "<RuleSetModel functionName=\"classification\">" SCHEMA "</RuleSetModel>",
           PMML_ERR_PMML, 0, "RuleSetModel", "RuleSet element is missing");
}
END_TEST

START_TEST(naive_bayes_errors)
{
#define NB_OUT                                                                                \
    "<BayesOutput fieldName=\"y\"><TargetValueCounts><TargetValueCount value=\"1\" "          \
    "count=\"2\"/></TargetValueCounts></BayesOutput>"
    expect(DICT "<NaiveBayesModel functionName=\"classification\">" SCHEMA "</NaiveBayesModel>",
           PMML_ERR_PMML, 0, "NaiveBayesModel", "'threshold'");
    expect(DICT "<NaiveBayesModel functionName=\"classification\" threshold=\"0\">" SCHEMA
                "<BayesInputs><BayesInput fieldName=\"x\"><TargetValueStats>\n"
                "<TargetValueStat value=\"1\"><AnyDistribution mean=\"0\" variance=\"1\"/>"
                "</TargetValueStat></TargetValueStats></BayesInput></BayesInputs>" NB_OUT
                "</NaiveBayesModel>",
           PMML_ERR_UNSUPPORTED, 5, "AnyDistribution", "no density");
    expect(DICT "<NaiveBayesModel functionName=\"classification\" threshold=\"0\">" SCHEMA
                "<BayesInputs><BayesInput fieldName=\"x\"><TargetValueStats>"
                "<TargetValueStat value=\"1\">\n<GaussianDistribution mean=\"0\" "
                "variance=\"0\"/></TargetValueStat></TargetValueStats></BayesInput>"
                "</BayesInputs>" NB_OUT "</NaiveBayesModel>",
           PMML_ERR_PMML, 5, "GaussianDistribution", "variance");
    expect(DICT "<NaiveBayesModel functionName=\"classification\" threshold=\"0\">" SCHEMA
                "<BayesInputs>\n<BayesInput fieldName=\"c\"/></BayesInputs>" NB_OUT
                "</NaiveBayesModel>",
           PMML_ERR_PMML, 5, "BayesInput", "PairCounts or TargetValueStats");
    expect(DICT "<NaiveBayesModel functionName=\"classification\" threshold=\"0\">" SCHEMA
                "<BayesInputs><BayesInput fieldName=\"c\"><PairCounts value=\"a\">"
                "<TargetValueCounts>\n<TargetValueCount value=\"1\"/></TargetValueCounts>"
                "</PairCounts></BayesInput></BayesInputs>" NB_OUT "</NaiveBayesModel>",
           PMML_ERR_PMML, 5, "TargetValueCount", "'count'");
    expect(DICT "<NaiveBayesModel functionName=\"classification\" threshold=\"0\">" SCHEMA
                "<BayesInputs><BayesInput fieldName=\"x\"><PairCounts value=\"a\">"
                "<TargetValueCounts><TargetValueCount value=\"1\" count=\"1\"/>"
                "</TargetValueCounts></PairCounts></BayesInput></BayesInputs>"
                "</NaiveBayesModel>",
           PMML_ERR_PMML, 0, "NaiveBayesModel", "BayesOutput");
#undef NB_OUT
}
END_TEST

START_TEST(svm_errors)
{
#define SVM_DICT                                                                              \
    "<VectorDictionary><VectorFields><FieldRef field=\"x\"/></VectorFields>"                  \
    "<VectorInstance id=\"v\"><Array type=\"real\">1</Array></VectorInstance></VectorDictionary>"
    expect(DICT "<SupportVectorMachineModel functionName=\"regression\">" SCHEMA SVM_DICT
                "<SupportVectorMachine><SupportVectors><SupportVector vectorId=\"v\"/>"
                "</SupportVectors><Coefficients><Coefficient value=\"1\"/></Coefficients>"
                "</SupportVectorMachine></SupportVectorMachineModel>",
           PMML_ERR_PMML, 0, "SupportVectorMachineModel", "kernel");
    expect(DICT "<SupportVectorMachineModel functionName=\"regression\">" SCHEMA
                "<LinearKernelType/>" SVM_DICT "\n<SupportVectorMachine><SupportVectors>"
                "<SupportVector vectorId=\"v\"/></SupportVectors><Coefficients/>"
                "</SupportVectorMachine></SupportVectorMachineModel>",
           PMML_ERR_PMML, 5, "SupportVectorMachine", "0 Coefficients for 1 SupportVectors");
    expect(DICT "<SupportVectorMachineModel functionName=\"regression\">" SCHEMA
                "<LinearKernelType/>" SVM_DICT "\n<SupportVectorMachine><SupportVectors>"
                "<SupportVector vectorId=\"w\"/></SupportVectors><Coefficients>"
                "<Coefficient value=\"1\"/></Coefficients></SupportVectorMachine>"
                "</SupportVectorMachineModel>",
           PMML_ERR_PMML, 5, "SupportVector", "'w' is not in the VectorDictionary");
    expect(DICT "<SupportVectorMachineModel functionName=\"regression\">" SCHEMA
                "<LinearKernelType/><VectorDictionary><VectorFields><FieldRef field=\"x\"/>"
                "</VectorFields>\n<VectorInstance id=\"v\"><Array type=\"real\">1 2</Array>"
                "</VectorInstance></VectorDictionary></SupportVectorMachineModel>",
           PMML_ERR_PMML, 5, "Array", "2 values for 1 VectorFields");
    expect(DICT "<SupportVectorMachineModel functionName=\"classification\" "
                "classificationMethod=\"OneAgainstOne\">" SCHEMA "<LinearKernelType/>" SVM_DICT
                "\n<SupportVectorMachine targetCategory=\"1\"><SupportVectors>"
                "<SupportVector vectorId=\"v\"/></SupportVectors><Coefficients>"
                "<Coefficient value=\"1\"/></Coefficients></SupportVectorMachine>"
                "</SupportVectorMachineModel>",
           PMML_ERR_PMML, 5, "SupportVectorMachine", "alternateTargetCategory is required");
    expect(DICT "<SupportVectorMachineModel functionName=\"regression\" "
                "svmRepresentation=\"Coefficients\">" SCHEMA "<RadialBasisKernelType/>" SVM_DICT
                "<SupportVectorMachine><Coefficients><Coefficient value=\"1\"/></Coefficients>"
                "</SupportVectorMachine></SupportVectorMachineModel>",
           PMML_ERR_PMML, 0, "SupportVectorMachineModel", "LinearKernelType");
    expect(DICT "<SupportVectorMachineModel functionName=\"regression\">" SCHEMA
                "<LinearKernelType/><VectorDictionary><VectorFields><FieldRef field=\"x\"/>"
                "</VectorFields><VectorInstance id=\"v\">\n<REAL-SparseArray n=\"1\">"
                "<Indices>2</Indices><REAL-Entries>1</REAL-Entries></REAL-SparseArray>"
                "</VectorInstance></VectorDictionary></SupportVectorMachineModel>",
           PMML_ERR_PMML, 5, "REAL-SparseArray", "index 2");
#undef SVM_DICT
}
END_TEST

START_TEST(clustering_errors)
{
#define CL_HEAD "<ClusteringModel functionName=\"clustering\" modelClass=\"centerBased\">" SCHEMA
    expect(DICT CL_HEAD "<ClusteringField field=\"x\"/><Cluster><Array type=\"real\">1</Array>"
                        "</Cluster></ClusteringModel>",
           PMML_ERR_PMML, 0, "ClusteringModel", "ComparisonMeasure");
    expect(DICT CL_HEAD "\n<ComparisonMeasure kind=\"distance\"/></ClusteringModel>",
           PMML_ERR_PMML, 5, "ComparisonMeasure", "a measure");
    expect(DICT CL_HEAD "<ComparisonMeasure kind=\"distance\"><minkowski/></ComparisonMeasure>"
                        "</ClusteringModel>",
           PMML_ERR_PMML, 0, "minkowski", "'p-parameter'");
    expect(DICT CL_HEAD "<ComparisonMeasure kind=\"distance\"><euclidean/></ComparisonMeasure>"
                        "<ClusteringField field=\"x\"/><Cluster>\n<Array type=\"real\">1 2</Array>"
                        "</Cluster></ClusteringModel>",
           PMML_ERR_PMML, 5, "Array", "2 values for 1 center fields");
    expect(DICT CL_HEAD "<ComparisonMeasure kind=\"distance\"><euclidean/></ComparisonMeasure>"
                        "\n<ClusteringField field=\"x\" compareFunction=\"gaussSim\"/>"
                        "</ClusteringModel>",
           PMML_ERR_PMML, 5, "ClusteringField", "similarityScale");
    expect(DICT CL_HEAD "<ComparisonMeasure kind=\"distance\"><euclidean/></ComparisonMeasure>"
                        "<ClusteringField field=\"c\"/><Cluster><Array type=\"string\">a</Array>"
                        "</Cluster></ClusteringModel>",
           PMML_ERR_PMML, 0, "ClusteringField", "absDiff");
    expect(DICT CL_HEAD "<ComparisonMeasure kind=\"distance\"><jaccard/></ComparisonMeasure>"
                        "<ClusteringField field=\"x\"/><Cluster><Array type=\"real\">1</Array>"
                        "</Cluster></ClusteringModel>",
           PMML_ERR_PMML, 0, "ComparisonMeasure", "kind=\"similarity\"");
    expect(DICT CL_HEAD "<ComparisonMeasure kind=\"distance\"><euclidean/></ComparisonMeasure>"
                        "<ClusteringField field=\"x\"/><Cluster><Array type=\"real\">1</Array>"
                        "</Cluster><Output>\n<OutputField name=\"a\" feature=\"clusterAffinity\" "
                        "value=\"7\"/></Output></ClusteringModel>",
           PMML_ERR_PMML, 5, "OutputField", "names no Cluster");
    expect(DICT CL_HEAD "<ComparisonMeasure kind=\"distance\"><euclidean/></ComparisonMeasure>"
                        "<ClusteringField field=\"c\" compareFunction=\"table\"><Comparisons>"
                        "\n<Matrix kind=\"symmetric\"><Array type=\"real\">0</Array><Array "
                        "type=\"real\">1</Array></Matrix></Comparisons></ClusteringField>"
                        "</ClusteringModel>",
           PMML_ERR_PMML, 0, "Array", "symmetric");
#undef CL_HEAD
}
END_TEST

START_TEST(knn_errors)
{
#define KNN_HEAD "<NearestNeighborModel functionName=\"regression\" numberOfNeighbors=\"2\">" SCHEMA
#define KNN_INST                                                                              \
    "<TrainingInstances><InstanceFields><InstanceField field=\"x\"/><InstanceField "          \
    "field=\"y\"/></InstanceFields><InlineTable><row><x>1</x><y>2</y></row></InlineTable>"    \
    "</TrainingInstances>"
#define KNN_MS "<ComparisonMeasure kind=\"distance\"><euclidean/></ComparisonMeasure>"
    expect(DICT "<NearestNeighborModel functionName=\"regression\">" SCHEMA
                "</NearestNeighborModel>",
           PMML_ERR_PMML, 0, "NearestNeighborModel", "'numberOfNeighbors'");
    expect(DICT KNN_HEAD KNN_MS "<KNNInputs><KNNInput field=\"x\"/></KNNInputs>"
                "</NearestNeighborModel>",
           PMML_ERR_PMML, 0, "NearestNeighborModel", "TrainingInstances");
    expect(DICT KNN_HEAD KNN_INST KNN_MS "<KNNInputs>\n<KNNInput field=\"c\" compareFunction=\"delta\"/></KNNInputs>"
                "</NearestNeighborModel>",
           PMML_ERR_PMML, 5, "KNNInput", "not an InstanceField");
    expect(DICT KNN_HEAD KNN_INST KNN_MS "<KNNInputs>\n<KNNInput field=\"x\" "
                "compareFunction=\"table\"/></KNNInputs></NearestNeighborModel>",
           PMML_ERR_UNSUPPORTED, 5, "KNNInput", "table");
    expect(DICT "<NearestNeighborModel functionName=\"regression\" numberOfNeighbors=\"2\" "
                "continuousScoringMethod=\"weightedAverage\">" SCHEMA KNN_INST
                "<ComparisonMeasure kind=\"similarity\"><jaccard/></ComparisonMeasure>"
                "<KNNInputs><KNNInput field=\"x\"/></KNNInputs></NearestNeighborModel>",
           PMML_ERR_UNSUPPORTED, 0, "NearestNeighborModel", "weighted");
    expect(DICT KNN_HEAD "<TrainingInstances><InstanceFields><InstanceField field=\"x\"/>"
                "</InstanceFields><InlineTable><row><x>1</x></row></InlineTable>"
                "</TrainingInstances>" KNN_MS "<KNNInputs><KNNInput field=\"x\"/></KNNInputs>"
                "</NearestNeighborModel>",
           PMML_ERR_PMML, 0, "TrainingInstances", "target 'y' is not an InstanceField");
#undef KNN_HEAD
#undef KNN_INST
#undef KNN_MS
}
END_TEST

START_TEST(association_errors)
{
#define AS_HEAD "<AssociationModel functionName=\"associationRules\">" SCHEMA
    expect(DICT "<AssociationModel functionName=\"classification\">" SCHEMA
                "</AssociationModel>",
           PMML_ERR_UNSUPPORTED, 0, "AssociationModel", "associationRules");
    expect(DICT "<AssociationModel functionName=\"associationRules\"><MiningSchema>"
                "<MiningField name=\"x\"/><MiningField name=\"c\"/></MiningSchema>\n"
                "<Item id=\"1\" value=\"nothing\"/></AssociationModel>",
           PMML_ERR_PMML, 5, "Item", "names no field");
    expect(DICT "<AssociationModel functionName=\"associationRules\"><MiningSchema>"
                "<MiningField name=\"x\"/><MiningField name=\"c\"/></MiningSchema>"
                "<Item id=\"1\" value=\"c=a\"/><Itemset id=\"s\">\n<ItemRef itemRef=\"2\"/>"
                "</Itemset></AssociationModel>",
           PMML_ERR_PMML, 0, "ItemRef", "'2' is not the id of an Item");
    expect(DICT "<AssociationModel functionName=\"associationRules\"><MiningSchema>"
                "<MiningField name=\"x\"/><MiningField name=\"c\"/></MiningSchema>"
                "<Item id=\"1\" value=\"c=a\"/><Itemset id=\"s\"><ItemRef itemRef=\"1\"/>"
                "</Itemset>\n<AssociationRule antecedent=\"s\" consequent=\"t\" support=\"1\" "
                "confidence=\"1\"/></AssociationModel>",
           PMML_ERR_PMML, 5, "AssociationRule", "'t' is not the id of an Itemset");
    expect(DICT AS_HEAD "\n<AssociationRule antecedent=\"s\" consequent=\"t\" support=\"1\"/>"
                "</AssociationModel>",
           PMML_ERR_PMML, 5, "AssociationRule", "'confidence'");
    expect(DICT "<AssociationModel functionName=\"associationRules\"><MiningSchema>"
                "<MiningField name=\"x\"/><MiningField name=\"c\"/></MiningSchema><Output>\n"
                "<OutputField name=\"r\" feature=\"ruleValue\" rank=\"0\"/></Output>"
                "</AssociationModel>",
           PMML_ERR_PMML, 5, "OutputField", "isMultiValued");
#undef AS_HEAD
}
END_TEST

START_TEST(anomaly_errors)
{
    expect(DICT "<AnomalyDetectionModel functionName=\"regression\">" SCHEMA
                "</AnomalyDetectionModel>",
           PMML_ERR_PMML, 0, "AnomalyDetectionModel", "'algorithmType'");
    expect(DICT "<AnomalyDetectionModel functionName=\"regression\" algorithmType=\"other\">"
                SCHEMA "</AnomalyDetectionModel>",
           PMML_ERR_UNSUPPORTED, 0, "AnomalyDetectionModel", "other");
    expect(DICT "<AnomalyDetectionModel functionName=\"regression\" algorithmType=\"iforest\">"
                SCHEMA "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"1\"/></RegressionModel></AnomalyDetectionModel>",
           PMML_ERR_PMML, 0, "AnomalyDetectionModel", "sampleDataSize");
    expect(DICT "<AnomalyDetectionModel functionName=\"regression\" algorithmType=\"ocsvm\">"
                SCHEMA "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"1\"/></RegressionModel></AnomalyDetectionModel>",
           PMML_ERR_PMML, 0, "AnomalyDetectionModel", "SupportVectorMachineModel");
    expect(DICT "<AnomalyDetectionModel functionName=\"regression\" "
                "algorithmType=\"clusterMeanDist\">" SCHEMA
                "<ClusteringModel functionName=\"clustering\" modelClass=\"centerBased\">"
                "<MiningSchema><MiningField name=\"x\"/></MiningSchema><ComparisonMeasure "
                "kind=\"distance\"><euclidean/></ComparisonMeasure><ClusteringField "
                "field=\"x\"/><Cluster><Array type=\"real\">1</Array></Cluster>"
                "</ClusteringModel>\n<MeanClusterDistances><Array type=\"real\">1 2</Array>"
                "</MeanClusterDistances></AnomalyDetectionModel>",
           PMML_ERR_PMML, 5, "MeanClusterDistances", "2 distances for 1 clusters");
}
END_TEST

START_TEST(baseline_errors)
{
    expect(DICT "<BaselineModel functionName=\"regression\">" SCHEMA "\n<TestDistributions "
                "field=\"x\" testStatistic=\"chiSquareDistribution\"><Baseline><CountTable/>"
                "</Baseline></TestDistributions></BaselineModel>",
           PMML_ERR_UNSUPPORTED, 5, "TestDistributions", "chiSquareDistribution");
    expect(DICT "<BaselineModel functionName=\"regression\">" SCHEMA "\n<TestDistributions "
                "field=\"x\" testStatistic=\"CUSUM\"><Baseline><GaussianDistribution mean=\"0\" "
                "variance=\"1\"/></Baseline></TestDistributions></BaselineModel>",
           PMML_ERR_PMML, 5, "TestDistributions", "Alternate");
    expect(DICT "<BaselineModel functionName=\"regression\">" SCHEMA "<TestDistributions "
                "field=\"x\" testStatistic=\"zValue\"><Baseline>\n<PoissonDistribution "
                "mean=\"-1\"/></Baseline></TestDistributions></BaselineModel>",
           PMML_ERR_PMML, 5, "PoissonDistribution", "not positive");
    expect(DICT "<BaselineModel functionName=\"regression\">" SCHEMA "</BaselineModel>",
           PMML_ERR_PMML, 0, "BaselineModel", "TestDistributions");
}
END_TEST

Suite *suite_model(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("model");
    tcase_add_test(tc, missing_required_attribute);
    tcase_add_test(tc, numbers_that_do_not_parse);
    tcase_add_test(tc, unknown_and_unsupported_elements);
    tcase_add_test(tc, bad_enumerations);
    tcase_add_test(tc, array_parsing);
    tcase_add_test(tc, x_spelling_of_newer_attributes);
    tcase_add_test(tc, first_scorable_model_is_used);
    tcase_add_test(tc, scorecard_errors);
    tcase_add_test(tc, ruleset_errors);
    tcase_add_test(tc, naive_bayes_errors);
    tcase_add_test(tc, svm_errors);
    tcase_add_test(tc, clustering_errors);
    tcase_add_test(tc, knn_errors);
    tcase_add_test(tc, association_errors);
    tcase_add_test(tc, anomaly_errors);
    tcase_add_test(tc, baseline_errors);
    suite_add_tcase(s, tc);
    return s;
}
