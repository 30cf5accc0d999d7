"""The untrusted side of the sandbox: a zygote that forks one session worker per notebook.

Started by ``autograder.sandbox`` as ``python -I -S worker.py CONFIG_JSON`` (inside bubblewrap when
available), with a scrubbed environment, cwd = the scratch folder and one inherited Unix socket
(fd ``ctl``). It never imports ``autograder``: it loads ``protocol.py`` from its own folder by path.

Zygote (never runs student code): imports numpy once, then for each ``fork`` request received on
the control socket (with the worker's socket passed as an fd) forks a worker, reports its pid, kills
what a grader asks it to kill, reaps every worker and reports how it ended, then deletes the worker's
scratch folder.

Worker (one session): new session, stdout/stderr to /dev/null, every other fd closed, reads the
notebook's cells, then limits (RLIMIT_AS, RLIMIT_CPU for its whole life, RLIMIT_FSIZE, RLIMIT_NPROC
when not root), then (when possible) uid nobody, then the audit hook. Only then it runs the notebook's
setup and solution cells in order, ONCE, and serves calls over its socket until the grader closes it:
for each request it execs the provided reference sources, calls the function, writes back plain data,
and puts the namespace (and numpy's and random's global generators) back to their post-setup state.
Which worker may serve which call is decided by the grader (the taint rule, docs/security.md): the
worker itself is assumed to be entirely under the student's control once the cells have run.
"""

import json
import os
import signal
import socket
import sys

# No ctypes in this process at all (numpy works without it): with _ctypes loaded, object.__subclasses__()
# reaches Union/pointer types that write anywhere in memory without any audited call.
sys.modules["ctypes"] = None
sys.modules["_ctypes"] = None
CONFIG = json.loads(sys.argv[1])
for _p in CONFIG["paths"]:
    sys.path.append(_p)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import protocol  # noqa: E402  (this folder's protocol.py, loaded by path)

sys.path.pop(0)
import numpy as np  # noqa: E402,F401

for _m in CONFIG.get("preload", []):
    try:
        __import__(_m)
    except Exception:  # an optional module that is not installed: students cannot use it
        pass

import resource  # noqa: E402  (the children set their limits with it)

NOBODY = 65534
BLOCKED_IMPORTS = ("autograder", "ctypes", "_ctypes", "socket", "_socket", "subprocess", "_posixsubprocess",
                   "multiprocessing", "_multiprocessing", "_posixshmem", "mmap", "gc", "resource", "pty",
                   "asyncio", "ssl", "_ssl", "http", "urllib", "ftplib", "smtplib", "IPython", "ipykernel",
                   "nbgrader", "importlib.metadata", "pip", "site", "_xxsubinterpreters", "faulthandler",
                   "tracemalloc", "pickle", "_pickle", "marshal", "shelve", "dbm", "sqlite3", "_sqlite3")
# Events that end the call's attempt with PermissionError. The harmless ones (frames, warnings,
# marshal for .pyc imports) stay allowed: numpy's own warnings need sys._getframe.
BLOCKED_EVENTS = ("os.fork", "os.forkpty", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.kill",
                  "os.killpg", "os.chdir", "os.chmod", "os.chown", "os.chflags", "os.link", "os.symlink",
                  "os.truncate", "os.utime", "os.setxattr", "os.removexattr", "subprocess.Popen", "pty.",
                  "socket.", "ctypes.", "mmap.", "resource.", "sys.addaudithook", "sys.settrace", "sys.setprofile",
                  "sys._current_frames", "cpython.run_", "code.__new__", "fcntl.", "webbrowser.", "pickle.", "_posixshmem.",
                  "signal.pthread_kill", "syslog.", "sqlite3.", "urllib.", "ftplib.", "http.", "smtplib.",
                  "imaplib.", "poplib.", "nntplib.", "telnetlib.", "gc.")
# path-taking events: allowed inside the call's scratch folder only (listing also in the read roots)
PATH_EVENTS = {"os.remove": 1, "os.rename": 2, "os.replace": 2, "os.rmdir": 1, "os.mkdir": 1}  # how many path args
LIST_EVENTS = {"os.listdir": 0, "os.scandir": 0}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class Blocked(PermissionError):
    pass


def _install_hook(read_roots, write_root):
    """Install the audit hook; its state is two tuples in a closure nothing else refers to."""
    realpath = os.path.realpath
    isabs = os.path.isabs
    fspath = os.fspath
    read_roots = tuple(read_roots)  # already resolved (_READ_ROOTS)
    write_root = realpath(write_root).rstrip("/") + "/"
    blocked_imports = BLOCKED_IMPORTS
    blocked_events = BLOCKED_EVENTS
    path_events = dict(PATH_EVENTS)
    list_events = dict(LIST_EVENTS)
    list_roots = read_roots + _PATH_ROOTS + (write_root,)
    write_flags = _WRITE_FLAGS

    def under(path, roots):
        return any(path == r[:-1] or path.startswith(r) for r in roots)

    def resolve(path):
        if isinstance(path, int):
            return None
        try:
            path = fspath(path)
            if isinstance(path, bytes):
                path = path.decode("utf-8", "surrogateescape")
            return realpath(path)
        except Exception:
            raise Blocked("the sandbox could not check this path") from None

    def hook(event, args):
        if event == "open":
            mode, flags = args[1], args[2]
            if mode is None and not isinstance(args[0], int) and not isabs(fspath(args[0])):
                # os.open: a relative path may be relative to a dir_fd, which the event does not show
                raise Blocked("the grader's sandbox allows os.open with absolute paths only")
            path = resolve(args[0])
            if path is None:
                return
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                mode is None and isinstance(flags, int) and flags & write_flags)
            if writing:
                if not under(path, (write_root,)):
                    raise Blocked(f"the grader's sandbox does not allow writing {path!r}")
            elif not under(path, read_roots + (write_root,)):
                raise Blocked(f"the grader's sandbox does not allow reading {path!r}")
            return
        if event == "import":
            name = args[0]
            parts = name.split(".") if isinstance(name, str) else []
            # any component: an extension's init symbol comes from the last one ("x._ctypes" loads _ctypes)
            if isinstance(args[1], str):
                parts.append(args[1].rsplit("/", 1)[-1].split(".")[0])
            if not isinstance(name, str) or any(p in blocked_imports for p in parts) or any(
                    name.startswith(b + ".") for b in blocked_imports):
                raise Blocked(f"the grader's sandbox does not allow importing {name}")
            return
        if event in list_events:
            path = resolve(args[0]) if args and args[0] is not None else realpath(".")
            if path is not None and not under(path, list_roots):
                raise Blocked(f"the grader's sandbox does not allow listing {path!r}")
            return
        if event in path_events:
            for arg in args[: path_events[event]]:
                path = resolve(arg)
                if path is not None and not under(path, (write_root,)):
                    raise Blocked(f"the grader's sandbox does not allow {event} on {path!r}")
            return
        if event.startswith(blocked_events):
            raise Blocked(f"the grader's sandbox does not allow {event}")

    sys.addaudithook(hook)


def _limit(scratch, limits, drop_uid):
    """The child's own limits, set before any student code runs."""
    def setl(which, value):
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass

    cpu = max(1, int(limits["cpu"]))
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    except (ValueError, OSError):
        pass
    setl(resource.RLIMIT_AS, int(limits["address_space"]))
    setl(resource.RLIMIT_FSIZE, int(limits["file_size"]))
    setl(resource.RLIMIT_CORE, 0)
    setl(resource.RLIMIT_NOFILE, 64)
    if drop_uid:
        os.chown(scratch, NOBODY, NOBODY)
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    if os.getuid() != 0:
        setl(resource.RLIMIT_NPROC, 0)  # the kernel ignores RLIMIT_NPROC for root


def _read_exact(fd, n):
    chunks = []
    while n > 0:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _where(exc):
    """' (line N of cell NAME)' for the innermost frame of student or setup code."""
    tb, where = exc.__traceback__, ""
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith("<cell "):
            where = f" (line {tb.tb_lineno} of cell {name[6:-1]})"
        tb = tb.tb_next
    return where


def _describe(exc):
    text = f"{type(exc).__name__}: {exc}"
    if len(text) > 300:
        text = text[:300] + "..."
    return text + _where(exc)


def _child(fd, limits, drop_uid):
    """One session worker. Never returns."""
    try:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for target in (0, 1, 2):
            os.dup2(null, target)
        if fd != 3:
            os.dup2(fd, 3)
            fd = 3
        os.closerange(4, 1024)  # the zygote holds only a few low fds
        scratch = os.path.join(CONFIG["scratch"], str(os.getpid()))
        os.mkdir(scratch, 0o700)
        os.chdir(scratch)
        os.environ.clear()
        os.environ.update({"HOME": scratch, "TMPDIR": scratch, "PATH": "/nonexistent", "LANG": "C.UTF-8"})
        init = _read_frame(fd)
    except BaseException:
        os._exit(70)
    _limit(scratch, limits, drop_uid)
    for name in _PRUNE:  # a later `import` of these must go through the audit hook
        sys.modules.pop(name, None)
    _install_hook(_READ_ROOTS, scratch)
    _serve(fd, init["cells"])


def _read_frame(fd):
    size = int.from_bytes(_read_exact(fd, 8), "little")
    return protocol.decode(_read_exact(fd, size))


def _send(fd, obj):
    try:
        data = protocol.encode(obj)
    except BaseException as exc:
        data = protocol.encode({"error": "bad_output", "message": f"the value could not be sent back: {_describe(exc)}"})
    _write_all(fd, b"R" + len(data).to_bytes(8, "little") + data)


def _serve(fd, cells):
    """Run the cells once, then answer calls until the grader closes the socket."""
    import random
    import warnings

    ns = {"__name__": "__main__", "__builtins__": __builtins__}
    errors = {}
    try:
        for kind, name, source in cells:
            error = _run_cell(kind, name, source, ns)
            if error:
                errors[name] = (kind, error)
    except BaseException:  # noqa: BLE001  e.g. MemoryError while describing an error
        os._exit(73)
    try:
        snapshot = dict(ns)
        np_state = np.random.get_state()
        py_state = random.getstate()
        _write_all(fd, b"L")  # the notebook's code has run: what follows are the calls
    except BaseException:
        os._exit(73)
    compiled = {}
    while True:
        try:
            request = _read_frame(fd)
        except BaseException:  # EOF: the grader is done with this worker
            os._exit(0)
        result = {}
        try:
            warnings.simplefilter("ignore")  # as InProcessCall does: numpy warnings are not errors
            np.seterr(all="ignore")
            result = _call(request, ns, errors, compiled)
        except MemoryError:
            result = {"error": "memory", "message": "your code ran out of memory (the sandbox allows "
                      f"{CONFIG['memory_mb']} MB)"}
        except BaseException as exc:  # noqa: BLE001  anything the student's code throws at us
            result = {"error": "crash", "message": f"the sandbox worker failed: {_describe(exc)}"}
        try:
            # hygiene, not security (the grader's taint rule is): provided functions and rebound
            # globals do not outlive the call, and every call sees the generators as the cells left them
            ns.clear()
            ns.update(snapshot)
            np.random.set_state(np_state)
            random.setstate(py_state)
            _send(fd, result)
        except BaseException:
            os._exit(71)


def _run_cell(kind, name, source, ns):
    """Run one cell into ``ns``; the first error's description, or None.

    A solution cell runs statement by statement and a failing statement stops only itself: a plotting
    import or a leftover ``get_ipython()`` that works in Jupyter but not here must not hide the ``def``s
    after it. A cell that does not parse fails as a whole, as in Jupyter.
    """
    import ast

    filename = f"<cell {name}>"
    try:
        tree = compile(source, filename, "exec", ast.PyCF_ONLY_AST)
    except BaseException as exc:  # noqa: BLE001  SyntaxError, or a parser bomb (MemoryError, RecursionError)
        return _describe(exc)
    parts = [tree] if kind == "setup" else [ast.Module(body=[node], type_ignores=[]) for node in tree.body]
    first = None
    for part in parts:
        try:
            exec(compile(part, filename, "exec"), ns)
        except BaseException as exc:  # noqa: BLE001  a failing statement does not stop the notebook
            first = first or _describe(exc)
    return first


def _call(request, ns, errors, compiled):
    setup_errors = [f"{name}: {msg}" for name, (kind, msg) in errors.items() if kind == "setup"]
    function = request["function"]
    if setup_errors:
        return {"error": "setup", "message": "a setup cell of the notebook failed after your code ran: "
                + setup_errors[0]}
    for name, source in request["provide"]:
        code = compiled.get((name, source))
        if code is None:
            code = compiled[(name, source)] = compile(source, f"<provided {name}>", "exec")
        exec(code, ns)
    target = ns.get(function)
    if not callable(target):
        hint = f"; its cell raised {errors[function][1]}" if function in errors else ""
        return {"error": "missing", "message": f"`{function}` is not defined by your solution cells{hint}"}
    args, kwargs = request["args"], request["kwargs"]
    try:
        value = target(*args, **kwargs)
    except MemoryError:
        raise
    except RecursionError as exc:
        return {"error": "exception", "message": f"`{function}` recursed too deeply: {_describe(exc)}"}
    except BaseException as exc:  # noqa: BLE001  SystemExit, KeyboardInterrupt: all count as raising
        return {"error": "exception", "message": f"`{function}` raised {_describe(exc)}"}
    try:
        plain = {"value": protocol.to_plain(value), "args_after": protocol.to_plain(tuple(args)),
                 "kwargs_after": protocol.to_plain(dict(kwargs))}
    except MemoryError:
        raise
    except BaseException as exc:  # noqa: BLE001
        return {"error": "bad_output", "message": f"`{function}` returned {_describe(exc)[11:] if isinstance(exc, TypeError) else _describe(exc)}, "
                "which is not plain data (numbers, numpy arrays, lists, tuples, dicts of them)"}
    return {"ok": plain}


# ----------------------------------------------------------------------------- zygote


def _probe_nobody():
    """Whether a child running as nobody can still read the stdlib and numpy (then we drop root)."""
    if os.getuid() != 0 or not CONFIG.get("drop_uid", True):
        return False
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            for path in (os.__file__, np.__file__):
                with open(path, "rb"):
                    pass
            os.stat(CONFIG["scratch"])
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def main():
    """The zygote's loop: fork a child per request; reap children as they end and report each."""
    import select
    import shutil

    ctl = socket.socket(fileno=CONFIG["ctl"])
    drop_uid = _probe_nobody()
    if drop_uid:
        os.chmod(CONFIG["scratch"], 0o711)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    __import__("gc").freeze()  # a collection in a child then skips the zygote's objects: fewer copied pages
    ctl.sendall(json.dumps({"ready": True, "pid": os.getpid(), "drop_uid": drop_uid}).encode() + b"\n")
    children = {}  # pid -> deadline (monotonic): killed then, whatever the grader does
    monotonic = __import__("time").monotonic

    while True:
        now = monotonic()
        wait = max(0.0, min(children.values()) - now) if children else None
        try:
            ready, _, _ = select.select([ctl, wake_r], [], [], wait)
        except InterruptedError:
            continue
        if wake_r in ready:
            os.read(wake_r, 4096)
        if ctl in ready:
            try:
                msg, fds, _, _ = socket.recv_fds(ctl, 65536, 1)
            except InterruptedError:
                msg, fds = b"?", []
            if not msg:  # the grader is gone: nothing of ours may outlive it
                for pid in children:
                    _kill(pid)
                os._exit(0)
            if fds:
                limits = json.loads(msg)
                pid = os.fork()
                if pid == 0:
                    ctl.close()
                    os.close(wake_r)
                    os.close(wake_w)
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    _child(fds[0], limits, drop_uid)
                    os._exit(72)
                for f in fds:
                    os.close(f)
                children[pid] = monotonic() + limits["wall"] + 2
                ctl.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        now = monotonic()
        for pid, deadline in list(children.items()):
            try:
                ended = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                ended = None
                del children[pid]
                continue
            if ended is None:
                if now > deadline:
                    _kill(pid)  # the grader should have killed it already: never leave one behind
                continue
            _kill(pid)  # anything left in its process group (the unreaped leader keeps the pgid ours)
            _, status = os.waitpid(pid, 0)
            del children[pid]
            if os.WIFSIGNALED(status):
                report = {"pid": pid, "signal": os.WTERMSIG(status)}
            else:
                report = {"pid": pid, "exit": os.WEXITSTATUS(status)}
            scratch = os.path.join(CONFIG["scratch"], str(pid))
            try:
                os.rmdir(scratch)
            except OSError:
                shutil.rmtree(scratch, ignore_errors=True)
            ctl.sendall(json.dumps(report).encode() + b"\n")


def _kill(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# resolved once in the zygote, not in every worker
_READ_ROOTS = tuple(os.path.realpath(p).rstrip("/") + "/" for p in CONFIG["read_roots"])
_PATH_ROOTS = tuple(os.path.realpath(p).rstrip("/") + "/" for p in CONFIG["paths"])

# modules the zygote has loaded that students must import through the hook (ctypes stays: numpy holds it)
_PRUNE = [name for name in sys.modules
          if name.split(".")[0] in BLOCKED_IMPORTS and name.split(".")[0] not in ("ctypes", "_ctypes")]

if __name__ == "__main__":
    main()
