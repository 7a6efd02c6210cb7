// Package mlog is a small stand-in for monis.app/mlog (see go.mod): structured logging with the
// levels warning (default), info, debug, trace and all, JSON or text output on stderr, and a
// logr.Logger bridge for controller-runtime.
package mlog

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"

	"github.com/go-logr/logr"
)

// LogLevel is one of the levels below; the empty string is the default (warnings and errors).
type LogLevel string

// LogFormat selects the output encoding.
type LogFormat string

const (
	LevelWarning LogLevel = ""
	LevelInfo    LogLevel = "info"
	LevelDebug   LogLevel = "debug"
	LevelTrace   LogLevel = "trace"
	LevelAll     LogLevel = "all"

	FormatJSON LogFormat = "json"
	FormatText LogFormat = "text"
	FormatCLI  LogFormat = "cli"
)

// LogSpec is the configuration accepted by ValidateAndSetLogLevelAndFormatGlobally.
type LogSpec struct {
	Level  LogLevel  `json:"level,omitempty"`
	Format LogFormat `json:"format,omitempty"`
}

const (
	slogTrace = slog.LevelDebug - 4
	slogAll   = slog.Level(-127)
)

func toSlog(l LogLevel) (slog.Level, error) {
	switch l {
	case LevelWarning:
		return slog.LevelWarn, nil
	case LevelInfo:
		return slog.LevelInfo, nil
	case LevelDebug:
		return slog.LevelDebug, nil
	case LevelTrace:
		return slogTrace, nil
	case LevelAll:
		return slogAll, nil
	}
	return 0, fmt.Errorf("invalid log level %q: want one of \"\", %q, %q, %q, %q",
		l, LevelInfo, LevelDebug, LevelTrace, LevelAll)
}

var (
	level   = func() *slog.LevelVar { v := new(slog.LevelVar); v.Set(slog.LevelWarn); return v }()
	handler atomic.Pointer[slog.Handler]
)

func init() { setHandler(FormatJSON) }

func setHandler(f LogFormat) {
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	if f == FormatJSON || f == "" {
		h = slog.NewJSONHandler(os.Stderr, opts)
	} else {
		h = slog.NewTextHandler(os.Stderr, opts)
	}
	handler.Store(&h)
}

// dynamicHandler forwards to the handler current at the time of each call, so loggers created
// before ValidateAndSetLogLevelAndFormatGlobally follow its settings.
type dynamicHandler struct {
	attrs  []slog.Attr
	groups []string
}

func (d dynamicHandler) current() slog.Handler {
	h := *handler.Load()
	if len(d.attrs) > 0 {
		h = h.WithAttrs(d.attrs)
	}
	for _, g := range d.groups {
		h = h.WithGroup(g)
	}
	return h
}

func (d dynamicHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= level.Level() }
func (d dynamicHandler) Handle(ctx context.Context, r slog.Record) error {
	return d.current().Handle(ctx, r)
}
func (d dynamicHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return dynamicHandler{attrs: append(append([]slog.Attr{}, d.attrs...), as...), groups: d.groups}
}
func (d dynamicHandler) WithGroup(name string) slog.Handler {
	return dynamicHandler{attrs: d.attrs, groups: append(append([]string{}, d.groups...), name)}
}

// ValidateAndSetLogLevelAndFormatGlobally sets the level and format of every logger.
func ValidateAndSetLogLevelAndFormatGlobally(_ context.Context, spec LogSpec) error {
	l, err := toSlog(spec.Level)
	if err != nil {
		return err
	}
	switch spec.Format {
	case "", FormatJSON, FormatText, FormatCLI:
	default:
		return fmt.Errorf("invalid log format %q", spec.Format)
	}
	level.Set(l)
	setHandler(spec.Format)
	return nil
}

// Enabled reports whether messages at level l are logged.
func Enabled(l LogLevel) bool {
	s, err := toSlog(l)
	return err == nil && s >= level.Level()
}

// Setup returns a function to defer in main; it has nothing to flush.
func Setup() func() { return func() {} }

// Logger is the leveled, structured logger.
type Logger interface {
	Error(msg string, err error, keysAndValues ...any)
	Warning(msg string, keysAndValues ...any)
	WarningErr(msg string, err error, keysAndValues ...any)
	Info(msg string, keysAndValues ...any)
	InfoErr(msg string, err error, keysAndValues ...any)
	Debug(msg string, keysAndValues ...any)
	DebugErr(msg string, err error, keysAndValues ...any)
	Trace(msg string, keysAndValues ...any)
	TraceErr(msg string, err error, keysAndValues ...any)
	All(msg string, keysAndValues ...any)
	WithValues(keysAndValues ...any) Logger
	WithName(name string) Logger
}

type logger struct{ l *slog.Logger }

// New returns a Logger writing through the global configuration.
func New() Logger { return logger{l: slog.New(dynamicHandler{})} }

func (g logger) log(lv slog.Level, msg string, err error, kv []any) {
	if err != nil {
		kv = append([]any{"error", err.Error()}, kv...)
	}
	g.l.Log(context.Background(), lv, msg, kv...)
}

func (g logger) Error(msg string, err error, kv ...any)      { g.log(slog.LevelError, msg, err, kv) }
func (g logger) Warning(msg string, kv ...any)               { g.log(slog.LevelWarn, msg, nil, kv) }
func (g logger) WarningErr(msg string, err error, kv ...any) { g.log(slog.LevelWarn, msg, err, kv) }
func (g logger) Info(msg string, kv ...any)                  { g.log(slog.LevelInfo, msg, nil, kv) }
func (g logger) InfoErr(msg string, err error, kv ...any)    { g.log(slog.LevelInfo, msg, err, kv) }
func (g logger) Debug(msg string, kv ...any)                 { g.log(slog.LevelDebug, msg, nil, kv) }
func (g logger) DebugErr(msg string, err error, kv ...any)   { g.log(slog.LevelDebug, msg, err, kv) }
func (g logger) Trace(msg string, kv ...any)                 { g.log(slogTrace, msg, nil, kv) }
func (g logger) TraceErr(msg string, err error, kv ...any)   { g.log(slogTrace, msg, err, kv) }
func (g logger) All(msg string, kv ...any)                   { g.log(slogAll, msg, nil, kv) }
func (g logger) WithValues(kv ...any) Logger                 { return logger{l: g.l.With(kv...)} }
func (g logger) WithName(name string) Logger                 { return logger{l: g.l.With("logger", name)} }

var global = New()

func Error(msg string, err error, kv ...any)      { global.Error(msg, err, kv...) }
func Warning(msg string, kv ...any)               { global.Warning(msg, kv...) }
func WarningErr(msg string, err error, kv ...any) { global.WarningErr(msg, err, kv...) }
func Info(msg string, kv ...any)                  { global.Info(msg, kv...) }
func InfoErr(msg string, err error, kv ...any)    { global.InfoErr(msg, err, kv...) }
func Debug(msg string, kv ...any)                 { global.Debug(msg, kv...) }
func DebugErr(msg string, err error, kv ...any)   { global.DebugErr(msg, err, kv...) }
func Trace(msg string, kv ...any)                 { global.Trace(msg, kv...) }
func TraceErr(msg string, err error, kv ...any)   { global.TraceErr(msg, err, kv...) }
func All(msg string, kv ...any)                   { global.All(msg, kv...) }

// Fatal logs err and exits with status 1.
func Fatal(err error, kv ...any) {
	global.Error("fatal error", err, kv...)
	os.Exit(1)
}

// Logr returns a logr.Logger (for controller-runtime's log.SetLogger) on the same configuration.
// logr's V(n) maps to slog level -n, so V(0) is info, V(4) debug and V(8) trace.
func Logr() logr.Logger { return logr.FromSlogHandler(dynamicHandler{}) }
