package io.devlogs.query.boards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ApiException;
import org.junit.jupiter.api.Test;

class DashboardDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static final String BOARD =
      "{'name':'Checkout','timeRange':{'last':'6h'},'refreshSeconds':60,"
          + "'variables':{'service':'api'},'panels':["
          + "{'id':'errors','kind':'series','x':0,'y':0,'w':6,'h':4,'params':{'service':'$service'}},"
          + "{'kind':'top','x':6,'y':0,'w':6,'h':4}]}";

  private static String fieldOf(String text, DashboardDocument.Mode mode) {
    try {
      DashboardDocument.read(json(text), mode);
    } catch (ApiException e) {
      return String.valueOf(((java.util.Map<?, ?>) e.body().detail()).get("field"));
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void anExportReadsBackToTheSameDocument() {
    DashboardDocument document = DashboardDocument.read(json(BOARD), DashboardDocument.Mode.EDIT);
    JsonNode export = document.toJson();
    assertThat(export.path("format").asText()).isEqualTo("devlogs-dashboard");
    assertThat(export.path("version").asInt()).isEqualTo(1);
    assertThat(export.at("/variables/level").asText()).isEmpty();
    assertThat(export.at("/panels/0/id").asText()).isEqualTo("errors");
    assertThat(export.at("/panels/1/id").asText()).startsWith("p");
    assertThat(export.at("/panels/1/title").asText()).isEqualTo("top");
    assertThat(DashboardDocument.read(export, DashboardDocument.Mode.EDIT)).isEqualTo(document);
  }

  @Test
  void importGivesEveryPanelANewIdAndNeedsTheFormat() {
    JsonNode export = DashboardDocument.read(json(BOARD), DashboardDocument.Mode.EDIT).toJson();
    DashboardDocument imported = DashboardDocument.read(export, DashboardDocument.Mode.IMPORT);
    assertThat(imported.panels().get(0).id()).isNotEqualTo("errors");
    assertThat(imported.panels().get(0).params()).containsEntry("service", "$service");
    assertThat(fieldOf(BOARD, DashboardDocument.Mode.IMPORT)).isEqualTo("format");
  }

  @Test
  void refusalsNameTheField() {
    assertThat(fieldOf("{'name':'x','version':2}", DashboardDocument.Mode.EDIT))
        .isEqualTo("version");
    assertThat(fieldOf("{'name':'x','refreshSeconds':7}", DashboardDocument.Mode.EDIT))
        .isEqualTo("refreshSeconds");
    assertThat(fieldOf("{'name':'x','variables':{'host':'a'}}", DashboardDocument.Mode.EDIT))
        .isEqualTo("variables.host");
    assertThat(
            fieldOf(
                "{'name':'x','panels':[{'kind':'pie','x':0,'y':0,'w':1,'h':1}]}",
                DashboardDocument.Mode.EDIT))
        .isEqualTo("panels[0].kind");
    assertThat(
            fieldOf(
                "{'name':'x','panels':[{'kind':'logs','x':11,'y':0,'w':2,'h':1}]}",
                DashboardDocument.Mode.EDIT))
        .isEqualTo("panels[0]");
    assertThat(
            fieldOf(
                "{'name':'x','panels':[{'kind':'logs','x':0,'y':0,'w':2,'h':1,"
                    + "'params':{'from':'2020-01-01T00:00:00Z'}}]}",
                DashboardDocument.Mode.EDIT))
        .isEqualTo("panels[0].params.from");
    assertThat(
            fieldOf(
                "{'name':'x','panels':[{'id':'a','kind':'logs','x':0,'y':0,'w':2,'h':1},"
                    + "{'id':'a','kind':'logs','x':2,'y':0,'w':2,'h':1}]}",
                DashboardDocument.Mode.EDIT))
        .isEqualTo("panels[1].id");
    assertThat(fieldOf("{'name':'x','timeRange':{'last':'40d'}}", DashboardDocument.Mode.EDIT))
        .isEqualTo("timeRange.last");
    assertThatThrownBy(() -> DashboardDocument.read(json("[]"), DashboardDocument.Mode.EDIT))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void aDerivedPanelNamesItsRecordingRuleAndTravelsThroughExportAndImport() {
    String rule = "3f0c1f8e-4b7a-4c1e-9a59-0d3c2b1a0f99";
    String board =
        "{'name':'Derived','panels':[{'kind':'derived','x':0,'y':0,'w':6,'h':4,"
            + "'params':{'rule':'"
            + rule
            + "'}}]}";
    JsonNode export = DashboardDocument.read(json(board), DashboardDocument.Mode.EDIT).toJson();
    assertThat(export.at("/panels/0/kind").asText()).isEqualTo("derived");
    DashboardDocument imported = DashboardDocument.read(export, DashboardDocument.Mode.IMPORT);
    assertThat(imported.panels().get(0).kind()).isEqualTo(PanelKind.DERIVED);
    assertThat(imported.panels().get(0).params()).containsEntry("rule", rule);

    assertThat(fieldOf(board.replace(rule, "not-a-rule"), DashboardDocument.Mode.EDIT))
        .isEqualTo("panels[0].params.rule");
    assertThat(
            fieldOf(
                "{'name':'Derived','panels':[{'kind':'derived','x':0,'y':0,'w':6,'h':4}]}",
                DashboardDocument.Mode.EDIT))
        .isEqualTo("panels[0].params.rule");
  }
}
