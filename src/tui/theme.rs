//! Semantic styles for the screens, loaded from `themes/*.toml`.
