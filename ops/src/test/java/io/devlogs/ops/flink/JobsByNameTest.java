package io.devlogs.ops.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobsByNameTest {
  private static final String PIPELINE = "devlogs-log-pipeline";

  private static JobsByName named(String fixture) {
    return new JobsByName(PIPELINE, FlinkAnswers.jobs(Recorded.json(fixture)));
  }

  @Test
  void aRunningJobIsRunningActiveAndHasItsId() {
    JobsByName jobs = named("jobs-overview.json");
    assertThat(jobs.state()).contains("RUNNING");
    assertThat(jobs.active()).isTrue();
    assertThat(jobs.running().map(JobSummary::id)).contains("40ab10530e3a4ebc231fe171dbbf0e59");
  }

  @Test
  void aJobBeingRecoveredIsActiveAndItsStateWinsOverAnEndedOne() {
    JobsByName jobs = named("jobs-overview-recovering.json");
    assertThat(jobs.state()).contains("INITIALIZING");
    assertThat(jobs.active()).isTrue();
    assertThat(jobs.running()).isEmpty();
  }

  @Test
  void anEndedJobGivesItsStateButIsNotActive() {
    JobsByName jobs = named("jobs-overview-ended.json");
    assertThat(jobs.state()).contains("CANCELED");
    assertThat(jobs.active()).isFalse();
  }

  @Test
  void noJobOfThatName() {
    assertThat(named("jobs-overview-empty.json").state()).isEmpty();
    JobsByName other =
        new JobsByName("other", FlinkAnswers.jobs(Recorded.json("jobs-overview.json")));
    assertThat(other.state()).isEmpty();
    assertThat(other.active()).isFalse();
  }
}
