import CMariaDB
