// Preloaded (node -r ./resolve.js) before a client: sends akismet.test and
// every *.akismet.test name to 127.0.0.1, where the Go test serves the API.
// The clients put the API key in the Host's subdomain, as with
// KEY.rest.akismet.com, so they need a name that resolves.
'use strict'
const dns = require('dns')
const lookup = dns.lookup

dns.lookup = function (hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = {}
  }
  if (typeof options === 'number') options = { family: options }
  if (hostname === 'akismet.test' || String(hostname).endsWith('.akismet.test')) {
    if (options && options.all) {
      process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }])
    } else {
      process.nextTick(callback, null, '127.0.0.1', 4)
    }
    return {}
  }
  return lookup.call(dns, hostname, options, callback)
}
