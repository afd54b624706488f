/*
 * The floor of a launch on Linux: posix_spawn of a program with POSIX_SPAWN_SETSID and two pipes
 * made with O_CLOEXEC (standard output and error), both read to their end, then waitpid. Built by
 * CFloor with gcc -O2. Usage: spawn_floor N [quiet]: N launches after N/10 of warm-up; prints
 * "p50_us p99_us mean_us" unless quiet.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
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

static void drain(int fd) {
  char buffer[65536];
  while (read(fd, buffer, sizeof buffer) > 0) {
  }
  close(fd);
}

static void once(char *path) {
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
  char *argv[] = {path, NULL};
  pid_t pid;
  int rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ);
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
  int quiet = argc > 2;
  char path[] = "/bin/true";
  for (int i = 0; i < n / 10; i++) {
    once(path);
  }
  long *samples = malloc(sizeof(long) * (size_t) n);
  long total = 0;
  for (int i = 0; i < n; i++) {
    long start = now_ns();
    once(path);
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
