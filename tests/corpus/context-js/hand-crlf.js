kiwigrid.context = {
  accessToken : 'crlf'
};
