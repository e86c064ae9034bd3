window.accessToken = "t1";
var accessToken = 't2';