// Runs the npm package akismet-api (6.0.0) against the test server:
//   node -r ./resolve.js akismet-api.js PORT KEY
// and prints one JSON object with what each call returned.
'use strict'
const { AkismetClient } = require('akismet-api')

const [port, key] = process.argv.slice(2)
const client = new AkismetClient({
  key,
  blog: 'https://blog.example',
  host: 'akismet.test:' + port,
  protocol: 'http'
})

const ordinary = {
  ip: '203.0.113.7',
  useragent: 'Mozilla/5.0',
  permalink: 'https://blog.example/2026/04/story/',
  type: 'comment',
  name: 'Ann Reader',
  email: 'ann@reader.example',
  content: 'Thanks for this piece on the election, very clear.',
  permalinkDate: '2026-03-11T12:00:00Z'
}
const guaranteed = { ...ordinary, name: 'akismet-guaranteed-spam' }
const reported = { ...ordinary, content: 'akismet-api client reported this one' }

const settle = (promise) => promise.then((v) => v, (err) => 'error: ' + err.message)

;(async () => {
  const out = {}
  out.verify = await settle(client.verifyKey())
  out.spam = await settle(client.checkSpam(guaranteed))
  out.ham = await settle(client.checkSpam(ordinary))
  out.submitSpam = await settle(client.submitSpam(reported).then((res) => res.text))
  out.submitHam = await settle(client.submitHam(reported).then((res) => res.text))
  const bad = new AkismetClient({ key: 'notakey', blog: 'https://blog.example', host: 'akismet.test:' + port, protocol: 'http' })
  out.badKeyVerify = await settle(bad.verifyKey())
  out.badKeyCheck = await settle(bad.checkSpam(ordinary))
  console.log(JSON.stringify(out))
})()
