import { describe, expect, it } from 'vitest'
import { destination } from './useOpenedFile'

const empty = { campaign: null, actor: null, role: null }
const secretariat = { campaign: { year: 2014 }, actor: { name: '本机秘书处' }, role: 'secretariat' }
const expert = { campaign: { year: 2014 }, actor: { name: '王建华' }, role: 'expert' }

describe('a double-clicked .pingshen file opens the dialog for its kind', () => {
  it('a review package opens on the launch page of an empty database, and only there', () => {
    expect(destination('review-package', empty)).toEqual({ path: '/launch' })
    expect(destination('review-package', secretariat)).toEqual({ refuse: 'openfile.packageNeedsEmpty', keep: false })
  })
  it('a score return and a dossier file go to the secretariat’s import', () => {
    expect(destination('score-return', secretariat)).toEqual({ path: '/results' })
    expect(destination('dossier-file', secretariat)).toEqual({ path: '/dossiers' })
  })
  it('before signing in the file waits; an expert is told to hand it over', () => {
    expect(destination('score-return', { ...secretariat, actor: null, role: null })).toEqual({ refuse: 'openfile.loginFirst', keep: true })
    expect(destination('dossier-file', expert)).toEqual({ refuse: 'openfile.notHere', keep: false })
  })
})
