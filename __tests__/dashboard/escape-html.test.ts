import { describe, expect, it } from '@jest/globals'
import { escapeHtml, jsonForScript } from '../../src/render/html/escape-html.js'

describe('escapeHtml', () => {
  it('makes markup, quotes and control characters inert', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;'
    )
    expect(escapeHtml('a\u001b[2Jb\nc\u202ed')).toBe('a\\u001b[2Jb c\\u202ed')
  })
})

describe('jsonForScript', () => {
  it('cannot close the script block and parses back to the same value', () => {
    const value = { s: '</script><!-- & \u2028 >' }
    const text = jsonForScript(value)
    expect(text).not.toMatch(/[<>&\u2028]/)
    expect(JSON.parse(text)).toEqual(value)
  })
})
