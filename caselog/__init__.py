"""Caselog: technical support for a device maker and its repair network."""

import os

# Numeric libraries start a thread pool per process and spread each small matrix product
# over it. A web process answers several requests on threads of its own, so those pools
# only oversubscribe the cores: measured on 2 cores, the refined suggestion took 634 ms
# (median) with the default pools and 49 ms with one thread. Set before numpy is imported;
# an operator's own setting wins.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
