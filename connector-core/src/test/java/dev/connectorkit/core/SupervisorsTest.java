package dev.connectorkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class SupervisorsTest {
  private static final WorkerSpec IDLE =
      WorkerSpec.permanent("idle", run -> new CountDownLatch(1).await());

  @Test
  void builder_rejectsAWorkerNameUsedTwice() {
    Supervisors.Builder builder = Supervisors.builder().addWorker(IDLE);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> builder.addWorker(IDLE));

    assertTrue(String.valueOf(e.getMessage()).contains("\"idle\""), e.getMessage());
  }

  @Test
  void builder_rejectsAnOptionSetTwice() {
    Supervisors.Builder builder =
        Supervisors.builder().withRestartPolicy(RestartPolicy.seedCompatible());

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> builder.withRestartPolicy(RestartPolicy.ofDefaults()));

    assertTrue(
        String.valueOf(e.getMessage()).contains("withRestartPolicy(...) is already set"),
        e.getMessage());
  }

  @Test
  void builder_rejectsNoWorkersAndAZeroStopTimeout() {
    assertThrows(IllegalStateException.class, () -> Supervisors.builder().build());
    assertThrows(
        IllegalArgumentException.class, () -> Supervisors.builder().withStopTimeout(Duration.ZERO));
  }

  @Test
  void workerSpec_rejectsABlankOrSpacedName() {
    assertThrows(IllegalArgumentException.class, () -> WorkerSpec.permanent(" ", run -> {}));
    assertThrows(
        IllegalArgumentException.class, () -> WorkerSpec.permanent("dw CCExport", run -> {}));
  }

  @Test
  void start_twiceFailsAndStopIsIdempotent() throws Exception {
    ThreadRestartSupervisor supervisor = Supervisors.builder().addWorker(IDLE).build();
    supervisor.start();

    assertThrows(IllegalStateException.class, supervisor::start);
    supervisor.stop();
    supervisor.stop();

    assertEquals(SupervisorState.STOPPED, supervisor.state());
    assertEquals(WorkerState.STOPPED, supervisor.status("idle").state());
    assertTrue(supervisor.awaitTermination(Duration.ZERO));
  }

  @Test
  void stopBeforeStart_stopsForGoodAndStartThenFails() {
    ThreadRestartSupervisor supervisor = Supervisors.builder().addWorker(IDLE).build();

    supervisor.stop();

    assertEquals(SupervisorState.STOPPED, supervisor.state());
    assertThrows(IllegalStateException.class, supervisor::start);
  }

  @Test
  void status_ofAnUnknownWorkerNamesTheKnownOnes() {
    ThreadRestartSupervisor supervisor = Supervisors.builder().addWorker(IDLE).build();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> supervisor.status("nope"));

    assertTrue(String.valueOf(e.getMessage()).contains("[idle]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> supervisor.resetBackoff("nope"));
  }

  @Test
  void threadFactory_isUsedAndEveryThreadGetsTheWorkerName() throws Exception {
    List<Thread> created = new CopyOnWriteArrayList<>();
    CountDownLatch ran = new CountDownLatch(1);
    List<String> names = new CopyOnWriteArrayList<>();
    ThreadRestartSupervisor supervisor =
        Supervisors.builder()
            .addWorker(
                WorkerSpec.permanent(
                    "dwCCExport",
                    run -> {
                      names.add(
                          Thread.currentThread().getName()
                              + " run "
                              + run.runNumber()
                              + " of "
                              + run.workerName());
                      ran.countDown();
                      new CountDownLatch(1).await();
                    }))
            .withThreadFactory(
                runnable -> {
                  Thread thread = new Thread(runnable, "host-named");
                  created.add(thread);
                  return thread;
                })
            .build();
    supervisor.start();
    try {
      assertTrue(ran.await(10, TimeUnit.SECONDS));

      assertEquals(1, created.size());
      assertEquals(List.of("connector-dwCCExport-1 run 1 of dwCCExport"), names);
    } finally {
      supervisor.stop();
    }
  }

  @Test
  void controlLoop_isNamedAfterTheSupervisor() throws Exception {
    CompletableFuture<String> loopThread = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(1);
    ThreadRestartSupervisor supervisor =
        Supervisors.builder()
            .withName("ccmc")
            .addWorker(
                WorkerSpec.permanent(
                    "dwCCExport",
                    run -> {
                      // Stop hooks run on the control loop.
                      run.onStop(() -> loopThread.complete(Thread.currentThread().getName()));
                      started.countDown();
                      new CountDownLatch(1).await();
                    }))
            .build();
    supervisor.start();
    assertTrue(started.await(10, TimeUnit.SECONDS));

    supervisor.stop();

    assertEquals("connectorkit-supervisor-ccmc", loopThread.get(10, TimeUnit.SECONDS));
  }

  @Test
  void onFailed_addsCallbacksThatAllRunInOrderEvenAfterOneThrows() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    CountDownLatch bothRan = new CountDownLatch(2);
    ThreadRestartSupervisor supervisor =
        Supervisors.builder()
            .addWorker(
                WorkerSpec.permanent(
                    "dwCCExport",
                    run -> {
                      throw new IllegalStateException("Export.exe could not be executed");
                    }))
            .withRestartPolicy(RestartPolicy.builder().withMaxConsecutiveRestarts(0).build())
            .onFailed(
                failure -> {
                  calls.add("first");
                  bothRan.countDown();
                  throw new IllegalStateException("the host's first callback broke");
                })
            .onFailed(
                failure -> {
                  calls.add("second");
                  bothRan.countDown();
                })
            .build();
    supervisor.start();

    assertTrue(bothRan.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("first", "second"), calls);
    supervisor.stop();
    assertEquals(SupervisorState.FAILED, supervisor.state());
  }
}
