package comment

import (
	"context"
)

// Sweep erases IP addresses older than ip_retention_days and deletes
// discarded comments as old. The server calls it periodically (hourly is
// plenty).
func (s *Service) Sweep(ctx context.Context) (erased, purged int64, err error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return 0, 0, err
	}
	before := s.now().AddDate(0, 0, -set.IPRetentionDays)
	if erased, err = s.store.EraseOldIPs(ctx, before); err != nil {
		return 0, 0, err
	}
	purged, err = s.store.PurgeDiscarded(ctx, before)
	return erased, purged, err
}
