package mlog

// The package-level WithName and WithValues that azwi (cmd/azwi of azure-workload-identity v1.6.0) calls in
// addition to what the webhook uses.

// WithName returns the global logger with a name attached.
func WithName(name string) Logger { return global.WithName(name) }

// WithValues returns the global logger with key/value pairs attached.
func WithValues(kv ...any) Logger { return global.WithValues(kv...) }
