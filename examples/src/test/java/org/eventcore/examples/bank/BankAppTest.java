package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.junit.jupiter.api.Test;

class BankAppTest {

  @Test
  void theAppRunsTheWorkloadAndEveryCheckPasses() throws Exception {
    InMemoryEventStore store = new InMemoryEventStore();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean ok = BankApp.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), store, store,
        new BankWorkload.Settings(5, 4, 300, 10_000), null);
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(ok).as(output).isTrue();
    assertThat(output).contains("money conserved                yes")
        .contains("read model caught up           yes").contains("read model agrees              yes")
        .containsPattern("rate, first tenth +[0-9,]+  commands/s \\(the first 31 commands to finish\\)")
        .containsPattern("rate, last tenth +[0-9,]+  commands/s \\(the last 31 commands to finish: [0-9]+ % of");
  }

  @Test
  void postgresIsTheDefaultStoreAndMemoryIsKept() {
    assertThat(BankApp.Options.parse(new String[0]).store()).isEqualTo("postgres");
    assertThat(BankApp.Options.parse(new String[] {"--store=memory"}).store()).isEqualTo("memory");
    assertThatThrownBy(() -> BankApp.Options.parse(new String[] {"--store=oracle"}))
        .hasMessage("--store must be postgres or memory, got 'oracle'");
  }

  @Test
  void badOptionsAreRejectedNamingTheOption() {
    assertThatThrownBy(() -> BankApp.Options.parse(new String[] {"--threads=0"}))
        .hasMessage("--threads must be a positive integer, got '0'");
    assertThatThrownBy(() -> BankApp.Options.parse(new String[] {"--colour=blue"}))
        .hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> BankApp.Options.parse(new String[] {"threads"}))
        .hasMessageContaining("arguments look like --name=value");
  }
}
