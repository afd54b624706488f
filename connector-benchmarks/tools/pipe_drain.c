/*
 * How fast C can drain a pipe from a fast writer: launches `head -c 67108864 /dev/zero` (64 MiB)
 * with posix_spawn, drains its standard output one way, waits for it, and prints the median and
 * quartiles of many runs in milliseconds. An ad-hoc harness for docs/BENCHMARKS.md ("Native launch
 * engine", "How fast C drains a pipe"); not part of the build.
 *
 *   gcc -O2 -o /tmp/pipe_drain connector-benchmarks/tools/pipe_drain.c
 *   /tmp/pipe_drain WAY RUNS [READ_BYTES]
 *
 * WAY is one of:
 *   blocking   blocking reads
 *   poll       non-blocking reads, poll() without a timeout when the pipe is empty
 *   timed      non-blocking reads, poll() with a 50 ms timeout when the pipe is empty
 *   spin       non-blocking reads, up to 5 us of FIONREAD checks before a timed poll
 *   splice     splice() to /dev/null instead of read, timed poll when empty (nothing copied out)
 * READ_BYTES is the size of each read (default 65536).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const long BYTES = 67108864;

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
  long x = *(const long *) a, y = *(const long *) b;
  return x < y ? -1 : x > y;
}

static int bytes_waiting(int fd) {
  int count = 0;
  return ioctl(fd, FIONREAD, &count) == 0 ? count : 0;
}

/* Drains fd the given way; returns the bytes read. */
static long drain(int fd, const char *way, char *buffer, size_t size, int null_fd) {
  int blocking = strcmp(way, "blocking") == 0;
  int splicing = strcmp(way, "splice") == 0;
  int spinning = strcmp(way, "spin") == 0;
  int timeout = strcmp(way, "poll") == 0 ? -1 : 50;
  if (!blocking) {
    fcntl(fd, F_SETFL, O_NONBLOCK);
  }
  long total = 0;
  while (1) {
    ssize_t n = splicing ? splice(fd, NULL, null_fd, NULL, size, SPLICE_F_NONBLOCK)
                         : read(fd, buffer, size);
    if (n > 0) {
      total += n;
      continue;
    }
    if (n == 0 || blocking || errno != EAGAIN) {
      return total;
    }
    if (spinning) {
      long end = now_ns() + 5000;
      while (now_ns() < end && bytes_waiting(fd) == 0) {
      }
      if (bytes_waiting(fd) > 0) {
        continue;
      }
    }
    struct pollfd ready = {fd, POLLIN, 0};
    poll(&ready, 1, timeout);
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: pipe_drain blocking|poll|timed|spin|splice RUNS [READ_BYTES]\n");
    return 2;
  }
  const char *way = argv[1];
  int runs = atoi(argv[2]);
  size_t size = argc > 3 ? (size_t) atol(argv[3]) : 65536;
  char *buffer = malloc(size);
  int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  long *samples = malloc(sizeof(long) * (size_t) runs);
  char *child[] = {"/usr/bin/head", "-c", "67108864", "/dev/zero", NULL};
  for (int i = 0; i < runs; i++) {
    long start = now_ns();
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
      perror("pipe2");
      return 1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    pid_t pid;
    int rc = posix_spawn(&pid, child[0], &actions, NULL, child, environ);
    if (rc != 0) {
      fprintf(stderr, "posix_spawn: error %d\n", rc);
      return 1;
    }
    close(out[1]);
    long total = drain(out[0], way, buffer, size, null_fd);
    close(out[0]);
    int status;
    waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&actions);
    if (total != BYTES) {
      fprintf(stderr, "read %ld bytes, not %ld\n", total, BYTES);
      return 1;
    }
    samples[i] = now_ns() - start;
  }
  qsort(samples, (size_t) runs, sizeof(long), compare);
  printf("%s %zu: p25 %.2f median %.2f p75 %.2f ms\n", way, size, samples[runs / 4] / 1e6,
         samples[runs / 2] / 1e6, samples[runs * 3 / 4] / 1e6);
  return 0;
}
