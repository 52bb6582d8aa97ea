"""SQL repositories, one module per aggregate family."""
