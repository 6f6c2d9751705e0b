import CDNNL
