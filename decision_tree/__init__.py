"""Does the EU AI Act apply to my (local) AI? A bilingual decision tree, stdlib only."""
