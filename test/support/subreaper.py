# A parent that never reaps: what a container whose PID 1 is not an init does. It becomes the
# child subreaper of what it starts, so when that process is killed its orphans (the embedded
# postmaster and backends) are reparented here and stay zombies until this process exits.
import ctypes, os, signal, sys

PR_SET_CHILD_SUBREAPER = 36
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed")
os.posix_spawnp(sys.argv[1], sys.argv[1:], dict(os.environ))
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
while True:
    signal.pause()  # SIGCHLD stays SIG_DFL: exited children are kept as zombies
