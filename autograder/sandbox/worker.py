"""The untrusted side of the sandbox: a zygote, one session process per notebook, one process per function.

Started by ``autograder.sandbox`` as ``python -I -S worker.py CONFIG_JSON`` with a scrubbed environment,
cwd = the scratch folder and one inherited Unix socket (fd ``ctl``); by default inside bubblewrap (its
own user, PID, mount, network, IPC and UTS namespaces, a size-capped tmpfs as scratch, a read-only view
of the Python runtime and of the allowed libraries only). It never imports ``autograder``: it loads
``protocol.py`` from its own folder by path.

Zygote (never runs student code): imports numpy (and matplotlib/tqdm when the student's code uses
them) once, then for each ``fork`` request on the control socket forks a session process, reports its
pid, reaps it and reports how it ended.

Session (one notebook): new session, stdout/stderr to /dev/null, other fds closed, limits (address
space, CPU time for running the cells, file size, processes), then the audit hook (friendly messages
for clear student errors, not a security boundary: docs/security.md), then it runs the notebook's
cells ONCE, cell by cell as IPython would (``__future__`` flags carry over, magics were removed by the
grader), reporting ``C<index>`` before each cell and ``L<report>`` after the last. Then it forks a
call process from that state whenever a request is waiting and no call process is alive (so no function
sees what another function's calls did), and reports how each call process ended (``S<status>``).

Call process: serves the calls of one function with one set of provided functions, until the grader
sends ``{"end": true}``: for each, sets its CPU limit to what it has used plus the call's budget, puts the
random generators back, executes the provided reference sources, calls the function and writes
``R<answer>`` (plain data, ``protocol``, with the request's number ``n`` and whether it ends now).
"""

import json
import os
import signal
import socket
import sys

CONFIG = json.loads(sys.argv[1])
for _p in CONFIG["paths"]:
    sys.path.append(_p)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import filters  # noqa: E402  (this folder's filters.py and protocol.py, loaded by path)
import protocol  # noqa: E402

sys.path.pop(0)
if CONFIG.get("filters"):
    filters._libc()  # loaded now: graded code does not see ctypes (a courtesy; the filters are the boundary)
sys.modules["ctypes"] = None  # the same in every isolation mode: graded code never needs ctypes
sys.modules["_ctypes"] = None
os.environ.clear()
os.environ.update(CONFIG["env"])
try:
    os.makedirs(CONFIG["env"]["MPLCONFIGDIR"], mode=0o755, exist_ok=True)
    if CONFIG.get("fonts"):
        for _f in os.listdir(CONFIG["fonts"]):
            with open(os.path.join(CONFIG["fonts"], _f), "rb") as _src, \
                    open(os.path.join(CONFIG["env"]["MPLCONFIGDIR"], _f), "wb") as _dst:
                _dst.write(_src.read())
except OSError:
    pass
import numpy as np  # noqa: E402



class _Lazy:
    """Imports matplotlib and matplotlib.pyplot on first use, not at ``import``: most notebooks import them in
    a set-up cell and never plot while graded, and they cost a third of a CPU second for every student.

    The module object is made at ``import`` as usual (name, spec, ``__path__``: enough to import a
    submodule); its code runs the first time anything else is read from it, in whichever process that is."""

    NAMES = ("matplotlib", "matplotlib.pyplot")

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in cls.NAMES:
            return None
        import importlib.machinery

        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _LazyLoader(spec.loader)
        return spec


class _LazyLoader:
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__dict__["_lazy_loader"] = self.loader
        module.__class__ = _Pending


class _Pending(type(sys)):
    """A module whose code has not run yet: the first attribute it lacks runs it."""

    def __getattr__(self, name):
        loader = self.__dict__.pop("_lazy_loader", None)
        if loader is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        self.__class__ = type(sys)
        loader.exec_module(self)
        return getattr(self, name)


for _m in CONFIG.get("preload", []):
    if _m in _Lazy.NAMES:  # MPLBACKEND=Agg: the backend once pyplot loads
        if _Lazy not in sys.meta_path:
            sys.meta_path.insert(0, _Lazy)
        continue
    try:
        __import__(_m)
    except Exception:  # noqa: BLE001  a library that cannot load here fails the student's own import later
        pass

import resource  # noqa: E402
import time  # noqa: E402

NOBODY = 65534
ALLOWED = "numpy, math and the rest of the standard library, matplotlib and tqdm"
# Events refused with a friendly PermissionError in every isolation mode (the kernel layer is the
# boundary; this only keeps the same code giving the same result with or without it).
BLOCKED_EVENTS = ("os.fork", "os.forkpty", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.kill",
                  "os.killpg", "os.chdir", "os.chmod", "os.chown", "os.link", "os.symlink", "os.mknod",
                  "os.truncate", "subprocess.Popen", "pty.", "socket.connect", "socket.bind",
                  "socket.getaddrinfo", "socket.sendto", "socket.gethostbyname", "webbrowser.", "urllib.",
                  "http.", "ftplib.", "smtplib.", "sys.addaudithook", "signal.pthread_kill", "signal.pidfd")
PATH_EVENTS = {"os.remove": 1, "os.rename": 2, "os.replace": 2, "os.rmdir": 1, "os.mkdir": 1}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
BLOCKED_IMPORTS = ("autograder", "nbgrader", "ipykernel")


class Blocked(PermissionError):
    pass


def _install_hook(read_roots, write_root, fork_gate):
    """The audit hook: friendly errors for network, processes and files outside the allowed folders."""
    realpath = os.path.realpath
    fspath = os.fspath
    write_root = realpath(write_root).rstrip("/") + "/"
    readable = tuple(read_roots) + (write_root,)

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
        except Exception:  # noqa: BLE001
            raise Blocked("the grader's sandbox could not check this path") from None

    def hook(event, args):
        if event == "open":
            path = resolve(args[0])
            if path is None:
                return
            mode, flags = args[1], args[2]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS)
            if writing and not under(path, (write_root,)):
                raise Blocked(f"the grader allows writing files only in the current folder, not {path!r}")
            if not writing and not under(path, readable):
                raise Blocked(f"the grader does not allow reading {path!r}")
            return
        if event == "import":
            name = args[0] if isinstance(args[0], str) else ""
            if name.split(".")[0] in BLOCKED_IMPORTS:
                raise Blocked(f"graded code cannot import {name}")
            return
        if event in PATH_EVENTS:
            for arg in args[: PATH_EVENTS[event]]:
                path = resolve(arg)
                if path is not None and not under(path, (write_root,)):
                    raise Blocked(f"the grader allows changing files only in the current folder, not {path!r}")
            return
        if event.startswith(BLOCKED_EVENTS):
            if event == "os.fork" and fork_gate[0]:
                return
            what = "the network" if event.startswith(("socket", "urllib", "http", "ftp", "smtp")) else event
            raise Blocked(f"graded code may not use {what} (the grader runs without it)")

    sys.addaudithook(hook)


def _setl(which, value):
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        pass


def _cpu_limit(seconds, hard=None):
    seconds = max(1, int(seconds + 0.999))
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, hard or seconds + 1))
    except (ValueError, OSError):
        pass


FILTERS_FAILED = 76  # a session that could not install its filters exits before running any cell


def _own_processes():
    """How many processes this uid has now (the landlock mode shares the grader's uid)."""
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                count += os.stat(f"/proc/{entry}").st_uid == uid
            except OSError:
                pass
    return count


def _restrict_signals():
    """Whether seccomp must keep signals home: only where the student shares the grader's uid and
    Landlock cannot scope signals (ABI < 6). Elsewhere the uid, the PID namespace or Landlock do."""
    return CONFIG.get("mode") == "landlock" and int(CONFIG.get("landlock_abi") or 0) < 6


def _confine(scratch, limits, drop_uid):
    """The session's limits, uid and kernel filters, set before any student code runs; call processes
    inherit them. A secure mode whose filters cannot be installed never runs the cells."""
    _cpu_limit(limits["load_cpu"], _session_cpu_hard(limits))
    _setl(resource.RLIMIT_AS, int(limits["address_space"]))
    _setl(resource.RLIMIT_FSIZE, int(limits["file_size"]))
    _setl(resource.RLIMIT_CORE, 0)
    _setl(resource.RLIMIT_NOFILE, 64)
    uid = CONFIG.get("student_uid")
    if uid is not None:
        os.chown(scratch, uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    elif drop_uid:
        os.chown(scratch, NOBODY, NOBODY)
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    if os.getuid() != 0:
        extra = _own_processes() if CONFIG.get("mode") == "landlock" else 0
        _setl(resource.RLIMIT_NPROC, extra + int(limits["processes"]))
    if CONFIG.get("filters"):
        try:
            if CONFIG.get("landlock_abi"):
                filters.install_landlock([r.rstrip("/") or "/" for r in CONFIG["read_roots"]]
                                         + CONFIG.get("system_roots", []), [scratch], ["/dev/null"])
            filters.install_seccomp(allow_fork=True, restrict_signals=_restrict_signals())
        except BaseException:  # noqa: BLE001
            os._exit(FILTERS_FAILED)


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


def _read_frame(fd):
    size = int.from_bytes(_read_exact(fd, 8), "little")
    return protocol.decode(_read_exact(fd, size))


def _message(fd, tag, obj):
    data = protocol.encode(obj)
    _write_all(fd, tag + len(data).to_bytes(8, "little") + data)


def _where(exc):
    """' (line N of code cell K)' for the innermost frame of the notebook's code."""
    tb, where = exc.__traceback__, ""
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith("<cell "):
            where = f" (line {tb.tb_lineno} of {name[6:-1]})"
        tb = tb.tb_next
    return where


def _describe(exc):
    if isinstance(exc, ModuleNotFoundError) and exc.name and exc.name.split(".")[0] not in sys.stdlib_module_names:
        text = (f"ModuleNotFoundError: `{exc.name.split('.')[0]}` is not available in the grader "
                f"(graded code may use {ALLOWED})")
    else:
        text = f"{type(exc).__name__}: {exc}"
    if len(text) > 300:
        text = text[:300] + "..."
    return text + _where(exc)


# ----------------------------------------------------------------------------- the session


def _session(fd, limits, drop_uid):
    """One notebook's session. Never returns."""
    try:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for target in (0, 1, 2):
            os.dup2(null, target)
        if fd != 3:
            os.dup2(fd, 3)
            fd = 3
        os.closerange(4, 1024)
        scratch = os.path.join(CONFIG["scratch"], str(os.getpid()))
        os.mkdir(scratch, 0o700)
        os.chdir(scratch)
        os.environ.update({"HOME": scratch, "TMPDIR": scratch})
        init = _read_frame(fd)
    except BaseException:  # noqa: BLE001
        os._exit(70)
    _confine(scratch, limits, drop_uid)
    fork_gate = [False]
    _install_hook(CONFIG["read_roots"], scratch, fork_gate)
    ns = {"__name__": "__main__", "__builtins__": __builtins__, "display": _display, "get_ipython": _no_ipython}
    try:  # the call processes' filter, built before any cell runs (each call process only installs it)
        call_filter = filters.Prepared(allow_fork=False, restrict_signals=False, pid=0) if CONFIG.get("filters") else None
    except BaseException:  # noqa: BLE001
        os._exit(FILTERS_FAILED)
    errors = _run_cells(fd, init["cells"], ns)
    __import__("gc").freeze()  # a collection in a call process then skips what the cells made: fewer copied pages
    try:
        _message(fd, b"L", {"errors": errors})
    except BaseException:  # noqa: BLE001
        os._exit(73)
    _serve(fd, ns, fork_gate, limits, call_filter)


def _display(*objs, **kwargs):
    """IPython's ``display`` in a notebook; the grader shows nothing."""
    return None


class _NoIPython:
    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def _no_ipython():
    return _NoIPython()


def _run_cells(fd, cells, ns):
    """Run every cell into ``ns``; ``[[index, message], ...]`` for the cells that raised.

    A cell runs statement by statement, like IPython's run of a cell, with the ``__future__`` flags
    of earlier cells; a failing statement is recorded and the rest of the cell and the later cells
    still run (in JupyterLab a notebook that ran to the end had no failing statement, so this only
    matters for what fails in grading alone, such as an import the grader does not have).
    """
    import ast
    import codeop
    import warnings

    compiler = codeop.Compile()
    errors = []
    for index, (kind, name, source) in enumerate(cells):
        try:
            _write_all(fd, b"C" + index.to_bytes(4, "little"))
        except BaseException:  # noqa: BLE001
            os._exit(74)
        filename = f"<cell {name}>"
        first = None
        try:
            tree = compile(source, filename, "exec", ast.PyCF_ONLY_AST | compiler.flags, True)
            parts = [ast.Module(body=[node], type_ignores=[]) for node in tree.body]
        except BaseException as exc:  # noqa: BLE001  SyntaxError, or a parser bomb
            parts, first = [], _describe(exc)
        for part in parts:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    exec(compiler(part, filename, "exec"), ns)
            except BaseException as exc:  # noqa: BLE001  SystemExit included: a cell cannot stop the notebook
                first = first or _describe(exc)
        if first:
            errors.append([index, first])
        _close_figures()
    return errors


def _close_figures():
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None and type(plt) is type(sys):  # not while it is still lazy: that would load it
        try:
            plt.close("all")
        except Exception:  # noqa: BLE001
            pass


def _serve(fd, ns, fork_gate, limits, call_filter=None):
    """Fork a call process from the state the cells left, again whenever the last one ended; report how
    each ended."""
    import random

    try:  # what the cells left; a fork reseeds some generators, so every call puts these back
        generators = (np.random.get_state(), random.getstate())
    except BaseException:  # noqa: BLE001  the student replaced them: their calls see what they made
        generators = None
    import select

    while True:
        try:  # fork when the grader's next request is there (or it hung up): none forked for nothing
            select.select([fd], [], [])
        except InterruptedError:
            continue
        except BaseException:  # noqa: BLE001
            os._exit(75)
        fork_gate[0] = True
        try:
            pid = os.fork()
        except BaseException:  # noqa: BLE001
            os._exit(75)
        fork_gate[0] = False
        if pid == 0:
            _call_process(fd, ns, limits, generators, call_filter)
        try:
            _, status = os.waitpid(pid, 0)
            report = ({"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status)
                      else {"exit": os.WEXITSTATUS(status)})
            _message(fd, b"S", report)
        except BaseException:  # noqa: BLE001  the grader is gone
            os._exit(0)
        if report.get("exit") == _EOF_EXIT:
            os._exit(0)


_EOF_EXIT = 64  # a call process that found the socket closed: the grader is done with this session
_END_EXIT = 65  # a call process told to end (``{"end": true}``): the grader's next call needs a fresh one
CALLS_PER_PROCESS = 16  # calls.CALLS_PER_PROCESS: the most calls one call process serves


def _cpu_budget(limits):
    return max(1, int(limits["call_cpu"] + 0.999))


def _session_cpu_hard(limits):
    """The session's hard CPU limit, which its call processes inherit and cannot raise: the cells' budget,
    or the most that CALLS_PER_PROCESS calls of a call process can use (each its budget and up to two
    seconds more), whichever is larger."""
    return max(max(1, int(limits["load_cpu"] + 0.999)), CALLS_PER_PROCESS * (_cpu_budget(limits) + 2)) + 1


_CALL_CPU = [0.0, 0.0]  # the running call's start on the process's CPU clock, and its budget in seconds
_process_time = time.process_time  # bound before any student code runs


def _arm_cpu(budget):
    """This call's CPU budget. RLIMIT_CPU, the kernel's limit, is in whole seconds and judged on a tick-sampled
    count of CPU time, which on a loaded virtual machine runs ahead of the process's exact CPU clock (by more
    than half a second in three seconds: it ended a 0.6 s call at a 1 s budget). So the soft limit is armed at
    least ``budget`` seconds ahead, and its SIGXCPU is judged against the exact clock: before the budget is
    spent, the call goes on (the kernel has moved the soft limit a second further); after it, the process
    ends by SIGXCPU as the grader expects. Code that ignores SIGXCPU still meets the session's hard limit
    and the grader's wall-clock backstop."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _CALL_CPU[0], _CALL_CPU[1] = _process_time(), float(budget)
    try:
        signal.signal(signal.SIGXCPU, _on_cpu_limit)
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        soft = used + budget if hard == resource.RLIM_INFINITY else min(used + budget, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass


def _on_cpu_limit(signum, frame):
    if _process_time() - _CALL_CPU[0] < _CALL_CPU[1]:
        return  # the tick-sampled count ran ahead: the budget is not spent yet
    # spent: end by SIGXCPU, which the kernel sends at its next tick for a soft limit already passed (the
    # filter may refuse kill() here: it allows signals to the session's process only)
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (1, resource.getrlimit(resource.RLIMIT_CPU)[1]))
    except (ValueError, OSError):
        pass  # then at the soft limit the kernel has just moved a second on
    while True:  # nothing of the student's runs again
        pass


def _quiet_between_calls():
    """What a call may have left running that could end this process between calls: timers, figures."""
    for which in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
        try:
            signal.setitimer(which, 0)
        except (OSError, ValueError):
            pass
    _close_figures()


def _threads_left():
    import _thread
    import threading

    try:
        return threading.active_count() > 1 or _thread._count() > 0
    except BaseException:  # noqa: BLE001  the student replaced them
        return True


def _call_process(fd, ns, limits, generators, call_filter=None):
    """Serve calls of one function (the grader sends each process the calls of one function with one set
    of provided functions, then ``{"end": true}``), each from the state the cells left as far as the
    random generators go, each with the call's CPU budget. Never returns."""
    import random
    import warnings

    budget = _cpu_budget(limits)
    try:
        if CONFIG.get("filters"):  # no new processes in a call (the session's filter is the boundary)
            call_filter.install()
    except BaseException:  # noqa: BLE001
        os._exit(FILTERS_FAILED)
    while True:
        try:
            request = _read_frame(fd)
        except BaseException:  # noqa: BLE001  EOF: the grader is done with this session
            os._exit(_EOF_EXIT)
        if type(request) is not dict or request.get("end") is True:
            os._exit(_END_EXIT)
        _arm_cpu(budget)
        retire = False
        try:
            if generators is not None:
                try:
                    np.random.set_state(generators[0])
                    random.setstate(generators[1])
                except BaseException:  # noqa: BLE001
                    pass
            warnings.simplefilter("ignore")
            np.seterr(all="ignore")
            result = _call(request, ns)
        except MemoryError:
            result = {"error": "memory", "message": "your code ran out of memory (the sandbox allows "
                      f"{CONFIG['memory_mb']} MB)"}
            retire = True
        except BaseException as exc:  # noqa: BLE001  anything the student's code throws at us
            result = {"error": "crash", "message": f"the sandbox worker failed: {_describe(exc)}"}
            retire = True
        try:
            _quiet_between_calls()
            retire = retire or _threads_left()
        except BaseException:  # noqa: BLE001
            retire = True
        result["n"] = request.get("n")
        result["retire"] = retire
        try:
            data = protocol.encode(result)
        except BaseException as exc:  # noqa: BLE001
            data = protocol.encode({"error": "bad_output", "n": request.get("n"), "retire": True,
                                    "message": f"the value could not be sent back: {_describe(exc)}"})
            retire = True
        try:
            _write_all(fd, b"R" + len(data).to_bytes(8, "little") + data)
        except BaseException:  # noqa: BLE001
            os._exit(71)
        if retire:
            os._exit(0)


_COMPILED = {}  # (name, source) -> code: a call process gets the same provided sources with every call


def _code(name, source):
    key = (name, source)
    code = _COMPILED.get(key)
    if code is None:
        code = _COMPILED[key] = compile(source, f"<provided {name}>", "exec")
    return code


def _call(request, ns):
    function = request["function"]
    for name, source in request["provide"]:
        exec(_code(name, source), ns)
    target = ns.get(function)
    if not callable(target):
        return {"error": "missing", "message": f"`{function}` is not defined after running your notebook's cells"}
    driver = request.get("driver")
    if driver:  # the checks' harness: builds objects around the student's class or function, returns plain data
        exec(_code(driver[0], driver[1]), ns)
        target = ns[driver[0]]
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
        what = _describe(exc)[11:] if isinstance(exc, TypeError) else _describe(exc)
        return {"error": "bad_output", "message": f"`{function}` returned {what}, which is not plain data "
                "(numbers, numpy arrays, lists, tuples, dicts of them)"}
    return {"ok": plain}


# ----------------------------------------------------------------------------- zygote


def _probe_nobody():
    """Whether a child running as nobody can still read the stdlib and numpy (then sessions drop root)."""
    if os.getuid() != 0 or not CONFIG.get("drop_uid"):
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
        except BaseException:  # noqa: BLE001
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _remove_tree(path, budget=2_000_000):
    """Delete ``path`` holding one directory open at a time: no recursion, no path longer than a name,
    never through a symlink, and at most ``budget`` steps (a student may leave a chain of thousands of
    folders, or millions of files: the zygote must never hang on them)."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    names = []
    try:
        while budget > 0:
            budget -= 1
            sub = None
            with os.scandir(fd) as entries:
                for entry in entries:
                    budget -= 1
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            sub = entry.name
                            break
                        os.unlink(entry.name, dir_fd=fd)
                    except OSError:
                        pass
            if sub is not None:
                deeper = os.open(sub, flags, dir_fd=fd)
                os.close(fd)
                fd = deeper
                names.append(sub)
                continue
            if not names:
                break
            parent = os.open("..", flags, dir_fd=fd)
            os.close(fd)
            fd = parent
            try:
                os.rmdir(names.pop(), dir_fd=fd)
            except OSError:
                break  # something we cannot remove: leave the rest to the tmpfs's end
    except OSError:
        pass
    finally:
        os.close(fd)
    try:
        os.rmdir(path)
    except OSError:
        pass


def main():
    """The zygote's loop: fork a session per request; reap sessions as they end and report each."""
    import select
    import time

    ctl = socket.socket(fileno=CONFIG["ctl"])
    if CONFIG.get("filters"):
        try:  # no process of the student's can ptrace this one or read its /proc files; orphans come here
            filters.not_dumpable()
            filters.child_subreaper()
            filters.no_new_privs()
        except OSError:
            os._exit(FILTERS_FAILED)
    drop_uid = _probe_nobody()
    if drop_uid:
        os.chmod(CONFIG["scratch"], 0o711)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    __import__("gc").freeze()  # a collection in a child then skips the zygote's objects: fewer copied pages
    hello = {"ready": True, "pid": os.getpid(), "drop_uid": drop_uid, "vm": _vm_size()}
    ctl.sendall(json.dumps(hello).encode() + b"\n")
    children = {}  # pid -> deadline (monotonic): killed then, whatever the grader does

    while True:
        now = time.monotonic()
        wait = max(0.0, min(children.values()) - now) if children else None
        quota = CONFIG.get("scratch_quota")
        if quota and children:
            wait = min(wait, 0.25)  # the scratch of the modes without a capped tmpfs is measured this often
            for pid in children:
                if _over_quota(os.path.join(CONFIG["scratch"], str(pid)), quota):
                    _kill(pid)
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
                _sweep(set())
                os._exit(0)
            request = json.loads(msg)
            if fds:
                pid = os.fork()
                if pid == 0:
                    ctl.close()
                    os.close(wake_r)
                    os.close(wake_w)
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    _session(fds[0], request, drop_uid)
                    os._exit(72)
                for f in fds:
                    os.close(f)
                children[pid] = time.monotonic() + request["wall"] + 2
                ctl.sendall(json.dumps({"pid": pid}).encode() + b"\n")
            elif request.get("kill") in children:
                _kill(request["kill"])
        now = time.monotonic()
        for pid, deadline in list(children.items()):
            try:
                ended = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                del children[pid]
                continue
            if ended is None:
                if now > deadline:
                    _kill(pid)  # the grader should have ended it already: never leave one behind
                continue
            _kill(pid)  # anything left in its process group
            _, status = os.waitpid(pid, 0)
            del children[pid]
            if os.WIFSIGNALED(status):
                report = {"pid": pid, "signal": os.WTERMSIG(status)}
            else:
                report = {"pid": pid, "exit": os.WEXITSTATUS(status)}
            _remove_tree(os.path.join(CONFIG["scratch"], str(pid)))
            ctl.sendall(json.dumps(report).encode() + b"\n")
        _sweep(children)


def _children():
    """The zygote's children now (orphans of the student's processes are reparented to it)."""
    me, out = os.getpid(), []
    try:
        for tid in os.listdir(f"/proc/{me}/task"):
            with open(f"/proc/{me}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
        return out
    except OSError:
        pass
    for entry in os.listdir("/proc"):  # kernels without CONFIG_PROC_CHILDREN
        try:
            with open(f"/proc/{entry}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == me:
                    out.append(int(entry))
        except (OSError, ValueError, IndexError):
            pass
    return out


def _sweep(sessions):
    """Kill and reap every child that is not one of ``sessions``: processes the student's code left
    behind (double-forked, setsid) whose parents ended. The zygote is their subreaper, so none can
    escape this; the process cap bounds the rounds a fork bomb needs."""
    if not CONFIG.get("filters"):
        return
    for _ in range(64):
        strays = [p for p in _children() if p not in sessions]
        if not strays:
            return
        for p in strays:
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        for p in strays:
            try:
                os.waitpid(p, 0)
            except OSError:
                pass


def _over_quota(path, quota, max_entries=20_000):
    """Whether the files below ``path`` hold more than ``quota`` bytes or ``max_entries`` entries (then
    the session is ended: the uid and landlock modes write to the machine's own /tmp, which no tmpfs caps).
    Never follows a link and stops counting at the caps, so a student cannot make it slow."""
    total, seen, todo = 0, 0, [path]
    while todo:
        try:
            with os.scandir(todo.pop()) as entries:
                for entry in entries:
                    seen += 1
                    if seen > max_entries:
                        return True
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            todo.append(entry.path)
                        elif entry.is_file(follow_symlinks=False):
                            total += entry.stat(follow_symlinks=False).st_blocks * 512
                    except OSError:
                        pass
                    if total > quota:
                        return True
        except OSError:
            pass
    return False


def _vm_size():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _kill(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


if __name__ == "__main__":
    main()
