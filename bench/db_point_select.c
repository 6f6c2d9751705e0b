/* Reference for bench/db.sh: the same prepared point-select as `mlp bench db`, written directly against
 * libmariadb. Usage: db_point_select SOCKET USER PASSWORD DATABASE THREADS SECONDS ROWS */
#include <mariadb/mysql.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *sock, *user, *password, *database;
static double seconds;
static long rows;
static pthread_barrier_t barrier;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t splitmix(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void *worker(void *arg) {
    long *count = arg;
    uint64_t seed = (uint64_t)(uintptr_t)arg;
    MYSQL *mysql = mysql_init(NULL);
    mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    if (!mysql_real_connect(mysql, "localhost", user, password, database, 0, sock, 0)) {
        fprintf(stderr, "connect: %s\n", mysql_error(mysql));
        exit(1);
    }
    MYSQL_STMT *stmt = mysql_stmt_init(mysql);
    const char *sql = "SELECT id, name, value FROM bench_points WHERE id = ?";
    if (mysql_stmt_prepare(stmt, sql, strlen(sql))) {
        fprintf(stderr, "prepare: %s\n", mysql_stmt_error(stmt));
        exit(1);
    }
    long long id = 1, out_id = 0;
    char name[64];
    unsigned long name_length = 0;
    double value = 0;
    MYSQL_BIND param = {0}, result[3];
    memset(result, 0, sizeof result);
    param.buffer_type = MYSQL_TYPE_LONGLONG;
    param.buffer = &id;
    result[0].buffer_type = MYSQL_TYPE_LONGLONG;
    result[0].buffer = &out_id;
    result[1].buffer_type = MYSQL_TYPE_STRING;
    result[1].buffer = name;
    result[1].buffer_length = sizeof name;
    result[1].length = &name_length;
    result[2].buffer_type = MYSQL_TYPE_DOUBLE;
    result[2].buffer = &value;
    mysql_stmt_bind_param(stmt, &param);
    mysql_stmt_bind_result(stmt, result);
    pthread_barrier_wait(&barrier);
    double deadline = now() + seconds;
    long n = 0;
    do {
        for (int i = 0; i < 64; i++) {
            id = (long long)(splitmix(&seed) % (uint64_t)rows) + 1;
            if (mysql_stmt_execute(stmt)) {
                fprintf(stderr, "execute: %s\n", mysql_stmt_error(stmt));
                exit(1);
            }
            int status;
            while ((status = mysql_stmt_fetch(stmt)) == 0 || status == MYSQL_DATA_TRUNCATED) {
                if (out_id != id) { fprintf(stderr, "wrong row\n"); exit(1); }
            }
            mysql_stmt_free_result(stmt);
        }
        n += 64;
    } while (now() < deadline);
    *count = n;
    mysql_stmt_close(stmt);
    mysql_close(mysql);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: %s SOCKET USER PASSWORD DATABASE THREADS SECONDS ROWS\n", argv[0]);
        return 2;
    }
    sock = argv[1]; user = argv[2]; password = argv[3]; database = argv[4];
    int threads = atoi(argv[5]);
    seconds = atof(argv[6]);
    rows = atol(argv[7]);
    mysql_library_init(0, NULL, NULL);
    pthread_t tids[threads];
    long counts[threads];
    pthread_barrier_init(&barrier, NULL, threads + 1);
    for (int i = 0; i < threads; i++) pthread_create(&tids[i], NULL, worker, &counts[i]);
    pthread_barrier_wait(&barrier);
    double began = now();
    long total = 0;
    for (int i = 0; i < threads; i++) { pthread_join(tids[i], NULL); total += counts[i]; }
    double elapsed = now() - began;
    printf("c threads=%d ops=%ld seconds=%.2f ops/s=%.0f\n", threads, total, elapsed, total / elapsed);
    return 0;
}
