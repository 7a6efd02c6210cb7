// Local stand-in for monis.app/mlog, which the Go module proxy reachable here refuses (403 on
// monis.app/mlog@v0.0.4, the version azure-workload-identity v1.6.0 requires). It implements only the
// API that github.com/Azure/azure-workload-identity/cmd/webhook uses, on top of log/slog and logr.
module monis.app/mlog

go 1.26.0

require github.com/go-logr/logr v1.4.3
