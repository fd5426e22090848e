"""The site's MkDocs hooks (mkdocs.yml `hooks:`) and the helpers they share (`common`).

MkDocs loads each hook from its file; the hooks import what they share from this package,
`site_tooling.hooks.common`, installed like the rest of the tooling (see site_tooling).
"""
