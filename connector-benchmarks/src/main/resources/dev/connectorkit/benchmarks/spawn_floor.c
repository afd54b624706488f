/*
 * The floor of a launch on Linux: posix_spawn of a program with POSIX_SPAWN_SETSID and two pipes
 * made with O_CLOEXEC (standard output and error), both read to their end with 64 KiB reads, then
 * waitpid. Built by CFloor with gcc -O2.
 *
 * Usage: spawn_floor N [quiet|loud] [program [argument...]]: N launches of the program (default
 * /bin/true). "loud" (the default) first does N/10 launches of warm-up and prints
 * "p50_us p99_us mean_us"; "quiet" does exactly N launches and prints nothing, for a caller that
 * times the whole invocation and warms up itself (JMH).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
  long x = *(const long *) a, y = *(const long *) b;
  return x < y ? -1 : x > y;
}

/*
 * Reads fd to its end: non-blocking reads, and a poll with a finite timeout whenever the pipe is
 * empty. Against a fast writer that is the fastest drain found here: blocking reads, or a poll
 * without a timeout, took about twice as long on the same pipe (docs/BENCHMARKS.md, "Native launch
 * engine", "How fast C drains a pipe"), so it is the floor. The native engine polls the same way.
 */
static void drain(int fd) {
  static char buffer[65536];
  fcntl(fd, F_SETFL, O_NONBLOCK);
  while (1) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      continue;
    }
    if (n == 0 || errno != EAGAIN) {
      break;
    }
    struct pollfd ready = {fd, POLLIN, 0};
    poll(&ready, 1, 50);
  }
  close(fd);
}

static void once(char **argv) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    perror("pipe2");
    exit(1);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0], &actions, &attributes, argv, environ);
  if (rc != 0) {
    fprintf(stderr, "posix_spawn: error %d\n", rc);
    exit(1);
  }
  close(out[1]);
  close(err[1]);
  drain(out[0]);
  drain(err[0]);
  int status;
  waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1000;
  int quiet = argc > 2 && strcmp(argv[2], "quiet") == 0;
  char true_path[] = "/bin/true";
  char *default_argv[] = {true_path, NULL};
  char **program = argc > 3 ? argv + 3 : default_argv;
  for (int i = 0; !quiet && i < n / 10; i++) {
    once(program);
  }
  long *samples = malloc(sizeof(long) * (size_t) n);
  long total = 0;
  for (int i = 0; i < n; i++) {
    long start = now_ns();
    once(program);
    samples[i] = now_ns() - start;
    total += samples[i];
  }
  qsort(samples, (size_t) n, sizeof(long), compare);
  if (!quiet) {
    printf("%.1f %.1f %.1f\n", samples[n / 2] / 1000.0, samples[n * 99 / 100] / 1000.0, total / 1000.0 / n);
  }
  free(samples);
  return 0;
}
