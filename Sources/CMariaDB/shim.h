#ifndef CMARIADB_SHIM_H
#define CMARIADB_SHIM_H
#include <mariadb/mysql.h>
#endif
