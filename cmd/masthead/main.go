// Command masthead is a self-hosted news site: it republishes Creative
// Commons journalism with its licence intact and runs its own comments.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"masthead/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}
