// Placeholder entry point until the hosting lands; see issue 3.
return 0;
