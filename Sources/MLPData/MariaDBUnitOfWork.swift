import MariaDB
