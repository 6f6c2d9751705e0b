/* Reference responder for the HTTP benchmarks: the least a libfcgi app can do, with worker threads
 * accepting like mlp-server's. Answers a 15-byte JSON hello, or with a third argument the bytes of that
 * file as the JSON body (the same answer as an mlp route: the ceiling for that answer's size).
 * Built by bench/lib.sh; not part of the product. */
#include <fcgiapp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int listen_fd;
static char *reply;
static int reply_length;

static void *worker(void *arg) {
    (void)arg;
    FCGX_Request request;
    FCGX_InitRequest(&request, listen_fd, 0);
    while (FCGX_Accept_r(&request) >= 0) {
        FCGX_PutStr(reply, reply_length, request.out);
        FCGX_Finish_r(&request);
    }
    return NULL;
}

/* The whole answer (headers and body) for `body` of `length` bytes. */
static void make_reply(const char *body, long length) {
    static const char head[] = "Status: 200 OK\r\nContent-Type: application/json\r\nContent-Length: %ld\r\n\r\n";
    reply = malloc(sizeof head + 32 + (size_t)length);
    if (!reply) { perror("malloc"); exit(1); }
    reply_length = sprintf(reply, head, length);
    memcpy(reply + reply_length, body, (size_t)length);
    reply_length += (int)length;
}

static void read_body(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    if (fseek(file, 0, SEEK_END) != 0) { perror(path); exit(1); }
    long length = ftell(file);
    if (length < 0 || length > 64 << 20) { fprintf(stderr, "%s: unusable size\n", path); exit(1); }
    rewind(file);
    char *body = malloc((size_t)length + 1);
    if (!body || fread(body, 1, (size_t)length, file) != (size_t)length) { perror(path); exit(1); }
    fclose(file);
    make_reply(body, length);
    free(body);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s SOCKET THREADS [BODY_FILE]\n", argv[0]); return 2; }
    int threads = atoi(argv[2]);
    if (argc > 3) read_body(argv[3]);
    else make_reply("{\"status\":\"ok\"}", 15);
    FCGX_Init();
    unlink(argv[1]);
    listen_fd = FCGX_OpenSocket(argv[1], 1024);
    if (listen_fd < 0) { perror("FCGX_OpenSocket"); return 1; }
    chmod(argv[1], 0660);
    pthread_t ids[256];
    if (threads < 1 || threads > 256) threads = 16;
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, worker, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    return 0;
}
