package dev.glueorch.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void read_shouldTurnEveryShortFormIntoItsLongForm() {
        // GIVEN every short form CloudFormation knows, in the forms templates write them
        String yaml = """
                Resources:
                  R:
                    Properties:
                      Ref: !Ref Param
                      GetAttDotted: !GetAtt Cluster.Endpoint.Address
                      GetAttList: !GetAtt [Role, Arn]
                      Sub: !Sub ${AWS::StackName}-job
                      SubWithVariables: !Sub
                        - s3://${Bucket}/${Key}
                        - Bucket: !Ref Lake
                          Key: raw
                      Join: !Join [',', [a, !Ref B]]
                      Select: !Select [1, !Split [',', 'x,y']]
                      If: !If [IsProd, !Ref AWS::NoValue, 5]
                      FindInMap: !FindInMap [Map, !Ref AWS::Region, Key]
                      ImportValue: !ImportValue shared-bucket
                      Base64: !Base64 text
                      Cidr: !Cidr [10.0.0.0/16, 6, 5]
                      GetAZs: !GetAZs ''
                      Transform: !Transform {Name: Macro, Parameters: {A: b}}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  NotProd: !Not [!Condition IsProd]
                  Both: !And [!Condition IsProd, !Equals [a, a]]
                  Either: !Or [!Condition IsProd, !Condition NotProd]
                """;

        // WHEN it is read
        JsonNode template = CloudFormationYaml.read("t.yaml", yaml).root();

        // THEN each is the long form a JSON template would write
        assertThat(template).isEqualTo(json("""
                {"Resources": {"R": {"Properties": {
                   "Ref": {"Ref": "Param"},
                   "GetAttDotted": {"Fn::GetAtt": ["Cluster", "Endpoint.Address"]},
                   "GetAttList": {"Fn::GetAtt": ["Role", "Arn"]},
                   "Sub": {"Fn::Sub": "${AWS::StackName}-job"},
                   "SubWithVariables": {"Fn::Sub": ["s3://${Bucket}/${Key}",
                                                    {"Bucket": {"Ref": "Lake"}, "Key": "raw"}]},
                   "Join": {"Fn::Join": [",", ["a", {"Ref": "B"}]]},
                   "Select": {"Fn::Select": [1, {"Fn::Split": [",", "x,y"]}]},
                   "If": {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, 5]},
                   "FindInMap": {"Fn::FindInMap": ["Map", {"Ref": "AWS::Region"}, "Key"]},
                   "ImportValue": {"Fn::ImportValue": "shared-bucket"},
                   "Base64": {"Fn::Base64": "text"},
                   "Cidr": {"Fn::Cidr": ["10.0.0.0/16", 6, 5]},
                   "GetAZs": {"Fn::GetAZs": ""},
                   "Transform": {"Fn::Transform": {"Name": "Macro", "Parameters": {"A": "b"}}}}}},
                 "Conditions": {
                   "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                   "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
                   "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": ["a", "a"]}]},
                   "Either": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "NotProd"}]}}}
                """));
    }

    @Test
    void read_shouldExpandAnchorsAliasesAndMergeKeysAndKeepMultiLineStrings() {
        // GIVEN arguments shared through an anchor, a merge key overriding one of them, literal and folded blocks
        String yaml = """
                Resources:
                  First:
                    Properties:
                      DefaultArguments: &defaults
                        '--job-bookmark-option': job-bookmark-enable
                        '--env': !Ref Env
                  Second:
                    Properties:
                      DefaultArguments:
                        <<: *defaults
                        '--env': prod
                      Same: *defaults
                      Literal: |
                        line one
                        line two
                      Folded: >-
                        one
                        sentence
                """;

        // WHEN it is read
        JsonNode resources = CloudFormationYaml.read("t.yaml", yaml).root().get("Resources");

        // THEN the alias is the anchored mapping (its tags included), the explicit key wins over the merged one
        assertThat(resources.at("/Second/Properties/Same")).isEqualTo(json("""
                {"--job-bookmark-option": "job-bookmark-enable", "--env": {"Ref": "Env"}}"""));
        assertThat(resources.at("/Second/Properties/DefaultArguments")).isEqualTo(json("""
                {"--job-bookmark-option": "job-bookmark-enable", "--env": "prod"}"""));
        assertThat(resources.at("/Second/Properties/Literal").asText()).isEqualTo("line one\nline two\n");
        assertThat(resources.at("/Second/Properties/Folded").asText()).isEqualTo("one sentence");
    }

    @Test
    void read_shouldTypePlainScalarsAsYaml11AndKeepDatesAsWritten() {
        // GIVEN the scalars templates write unquoted
        String yaml = """
                AWSTemplateFormatVersion: 2010-09-09
                Resources:
                  R:
                    Properties:
                      Timeout: 60
                      Ratio: 0.5
                      Enabled: true
                      Legacy: yes
                      Empty:
                      Quoted: '60'
                      Tagged: !Ref 60
                """;

        // WHEN it is read
        JsonNode template = CloudFormationYaml.read("t.yaml", yaml).root();

        // THEN numbers and booleans are typed, the version date and quoted or tagged values stay strings
        assertThat(template).isEqualTo(json("""
                {"AWSTemplateFormatVersion": "2010-09-09",
                 "Resources": {"R": {"Properties": {"Timeout": 60, "Ratio": 0.5, "Enabled": true, "Legacy": true,
                   "Empty": null, "Quoted": "60", "Tagged": {"Ref": "60"}}}}}"""));
    }

    @Test
    void read_shouldNameLineAndColumnOfInvalidYaml() {
        // GIVEN a mapping indented less than its siblings
        String yaml = """
                Resources:
                  Job:
                    Type: AWS::Glue::Job
                   Properties:
                      Name: nightly
                """;

        // WHEN / THEN
        assertThatThrownBy(() -> CloudFormationYaml.read("etl.yaml", yaml))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("etl.yaml: line 4, column 4: not valid YAML: ");
    }

    @Test
    void read_shouldRefuseATagCloudFormationDoesNotKnow() {
        assertThatThrownBy(() -> CloudFormationYaml.read("etl.yaml", "Resources:\n  A: !Reference B\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("etl.yaml: line 2, column 6: unknown tag !Reference: CloudFormation's short "
                        + "forms are !Ref, !Condition, !GetAtt and !And, !Base64");
    }

    @Test
    void read_shouldRefuseAKeyGivenTwice() {
        // CloudFormation keeps one of the two, undocumented which: a second Resources would hide the first
        assertThatThrownBy(() -> CloudFormationYaml.read("etl.yaml", """
                Resources:
                  Job:
                    Type: AWS::Glue::Job
                  Job:
                    Type: AWS::Glue::Trigger
                """))
                .isInstanceOf(TemplateException.class)
                .hasMessage("etl.yaml: line 4, column 3: 'Job' appears twice in the same mapping");
    }

    @Test
    void read_shouldRefuseAGetAttWithoutAttribute() {
        assertThatThrownBy(() -> CloudFormationYaml.read("etl.yaml", "Resources:\n  A: !GetAtt Role\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("etl.yaml: line 2, column 6: !GetAtt Role: expected Resource.Attribute");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
