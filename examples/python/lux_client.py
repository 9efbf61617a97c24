#!/usr/bin/env python3
"""A client of a lux node in Python (grpcio), from the node's .proto files.

    lux_client.py NODE_DIR status
    lux_client.py NODE_DIR add N

NODE_DIR is a node directory written by `lux testnet`: the client reads the node's client address from
network.json and trusts the node's certificate, tls.crt, and nothing else. The stubs are generated from
node/src/main/proto when the script starts (grpcio-tools).
"""
import json
import os
import secrets
import sys
import tempfile

import grpc
from grpc_tools import protoc

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.join(HERE, "..", "..", "node", "src", "main", "proto")
PROTOS = ["lux/consensus/v1/types.proto", "lux/consensus/v1/client.proto"]


def load_stubs():
    out = tempfile.mkdtemp(prefix="lux-proto-")
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    for proto in PROTOS:
        if protoc.main(["protoc", "-I" + PROTO_ROOT, "-I" + include, "--python_out=" + out, "--grpc_python_out=" + out, proto]) != 0:
            sys.exit("lux_client: protoc failed on " + proto)
    sys.path.insert(0, out)
    from lux.consensus.v1 import client_pb2, client_pb2_grpc, types_pb2
    return client_pb2, client_pb2_grpc, types_pb2


def connect(node_dir, client_pb2_grpc):
    with open(os.path.join(node_dir, "node.json")) as f:
        index = json.load(f)["index"]
    with open(os.path.join(node_dir, "network.json")) as f:
        address = json.load(f)["validators"][index]["clientAddress"]
    with open(os.path.join(node_dir, "tls.crt"), "rb") as f:
        credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
    return client_pb2_grpc.ClientStub(grpc.secure_channel(address, credentials))


def main(argv):
    if len(argv) < 3 or argv[2] not in ("status", "add") or (argv[2] == "add" and len(argv) != 4):
        sys.exit(__doc__)
    client_pb2, client_pb2_grpc, types_pb2 = load_stubs()
    stub = connect(argv[1], client_pb2_grpc)
    status = stub.Status(client_pb2.StatusRequest(), timeout=10)
    if argv[2] == "status":
        print(json.dumps({"nodeId": status.node_id, "lastAcceptedId": status.last_accepted_id,
                          "lastAcceptedHeight": status.last_accepted_height, "finalized": status.finalized,
                          "peers": status.peers}))
        return 0
    parent, height = bytes.fromhex(status.preference), status.preference_height
    blocks = []
    for _ in range(int(argv[3])):
        block_id = secrets.token_bytes(32)
        height += 1
        blocks.append(types_pb2.Block(id=block_id, parent_id=parent, height=height, payload=b"from python"))
        parent = block_id
    reply = stub.Add(client_pb2.AddRequest(blocks=blocks), timeout=300)
    finalized = sum(1 for d in reply.decisions if d == types_pb2.FINALIZED)
    print("added %d blocks: %d finalized, %d rejected" % (len(blocks), finalized, len(reply.decisions) - finalized))
    return 0 if len(reply.decisions) == len(blocks) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
