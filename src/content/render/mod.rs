//! Markdown → width-aware styled lines.
