// The wire protocol's version. Both ends import it; the client sends it in `hello` and the
// relay refuses any other with `unsupported_version` and close code 4409.
//
// Bump it on any change to a message layout, a tag, an error code or the ordering contract,
// and add a line below. Only `hello`'s first two fields (tag, version) are frozen forever so
// that a relay can always read the version of a client it does not understand.
//
// History:
//   1 — first version: hello, catchup/live, bootstrap, push/ack, update broadcast, awareness,
//       syncStep1/syncStep2 repair, error.
export const PROTOCOL_VERSION = 1;
