package cli

import "masthead/internal/store"

func storeQueryAll() store.ArticleQuery { return store.ArticleQuery{Limit: 100} }
