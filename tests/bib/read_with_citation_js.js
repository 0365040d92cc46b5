// Read one export with citation-js and print the CSL-JSON it makes (tests/bib/test_exports.py).
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-bibtex')
require('@citation-js/plugin-ris')
require('@citation-js/plugin-csl')
const fs = require('fs')

const [file, type] = process.argv.slice(2)
const text = fs.readFileSync(file, 'utf8')
const input = type === '@csl/list+object' ? JSON.parse(text) : text
console.log(JSON.stringify(new Cite(input, { forceType: type }).data))
