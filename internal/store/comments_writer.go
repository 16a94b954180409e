package store

import (
	"context"
	"sync"
	"time"

	"masthead/internal/comment"
)

// maxCommentBatch bounds one group commit, so one transaction stays short
// and the comments behind it do not wait long.
const maxCommentBatch = 256

// CommentWriter is the Store with group commit for comment inserts: each
// commit flushes to disk (fsync on SQLite's FULL sync), so rather than one
// flush per comment, one goroutine takes every comment waiting, checks and
// inserts them all in one transaction, commits once, then answers each
// caller. Every other method is the Store's. Close stops the writer, not
// the Store.
type CommentWriter struct {
	*Store
	reqs   chan *commentReq
	mu     sync.RWMutex // held for reading while sending; Close takes it to close reqs
	closed bool
	done   chan struct{}
}

type commentReq struct {
	ctx   context.Context
	c     *comment.Comment
	flood time.Duration
	res   chan error // buffered: the writer never waits for the caller
}

// NewCommentWriter starts the writer goroutine.
func NewCommentWriter(s *Store) *CommentWriter {
	w := &CommentWriter{
		Store: s,
		reqs:  make(chan *commentReq, 4*maxCommentBatch),
		done:  make(chan struct{}),
	}
	go w.run()
	return w
}

// InsertComment queues the comment for the next group commit and returns
// once that is committed (or the comment refused), like Store.InsertComment.
// Once queued, a comment is written even if ctx ends, so the answer always
// tells the truth about what is on disk.
func (w *CommentWriter) InsertComment(ctx context.Context, c *comment.Comment, flood time.Duration) error {
	w.fillDefaults(c)
	req := &commentReq{ctx: ctx, c: c, flood: flood, res: make(chan error, 1)}
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return comment.ErrUnavailable
	}
	select {
	case w.reqs <- req:
	case <-ctx.Done():
		w.mu.RUnlock()
		return ctx.Err()
	}
	w.mu.RUnlock()
	return <-req.res
}

// Close writes the comments already queued, then stops the writer.
func (w *CommentWriter) Close() error {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.reqs)
	}
	w.mu.Unlock()
	<-w.done
	return nil
}

func (w *CommentWriter) run() {
	defer close(w.done)
	batch := make([]*commentReq, 0, maxCommentBatch)
	for first := range w.reqs {
		batch = append(batch[:0], first)
	fill:
		for len(batch) < maxCommentBatch {
			select {
			case r, ok := <-w.reqs:
				if !ok {
					break fill
				}
				batch = append(batch, r)
			default:
				break fill
			}
		}
		w.writeBatch(batch)
	}
}

// writeBatch commits a batch in one transaction. Refusals go to their own
// callers without failing the batch. If the transaction itself fails, each
// comment is retried alone, so one bad comment cannot sink the others.
func (w *CommentWriter) writeBatch(batch []*commentReq) {
	live := batch[:0:0]
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.res <- err // gave up before its turn; nothing written
			continue
		}
		live = append(live, r)
	}
	if len(live) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	refusals, err := w.tryBatch(ctx, live)
	if err != nil {
		for _, r := range live {
			r.res <- w.Store.InsertComment(ctx, r.c, r.flood)
		}
		return
	}
	for i, r := range live {
		r.res <- refusals[i]
	}
}

func (w *CommentWriter) tryBatch(ctx context.Context, live []*commentReq) ([]error, error) {
	ct, err := w.beginCommentTx(ctx)
	if err != nil {
		return nil, err
	}
	refusals := make([]error, len(live))
	for i, r := range live {
		if refusals[i], err = ct.add(ctx, r.c, r.flood); err != nil {
			ct.rollback()
			return nil, err
		}
	}
	if err := ct.commit(ctx); err != nil {
		return nil, err
	}
	return refusals, nil
}
