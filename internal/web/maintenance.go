package web

import (
	"context"
	"time"
)

// sweepEvery is how often RunMaintenance sweeps: retention is counted in
// days, so hourly keeps every promise on the privacy page within the hour.
const sweepEvery = time.Hour

// RunMaintenance does the comment section's periodic work until ctx ends:
// at once and then hourly, it erases commenters' IP addresses older than
// ip_retention_days and deletes discarded spam as old (comment.Service's
// Sweep). Without comments it returns at once.
func (s *Server) RunMaintenance(ctx context.Context) {
	if s.comments == nil {
		return
	}
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	for {
		erased, purged, err := s.comments.Sweep(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Error("web: comment sweep", "err", err)
		case err == nil && erased+purged > 0:
			s.log.Info("web: comment sweep", "ips_erased", erased, "discarded_deleted", purged)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
