import { describe, expect, it } from 'vitest'
import { homeLoader, likelyRole } from './prefetch'
import type { Role } from '@/bindings/Role'

describe('prefetch after the login screen', () => {
  it('guesses the role from the installation', () => {
    expect(likelyRole({ holds_package: true, applicant_unit: null })).toBe('expert')
    expect(likelyRole({ holds_package: false, applicant_unit: '湖北省科学技术协会' })).toBe('applicant')
    expect(likelyRole({ holds_package: false, applicant_unit: null })).toBe('secretariat')
    expect(likelyRole(null)).toBe('secretariat')
  })

  it("finds every role's first page as a lazy route, so that the prefetch loads it", () => {
    for (const role of ['secretariat', 'expert', 'applicant'] as Role[]) {
      expect(homeLoader(role), role).toBeTypeOf('function')
    }
  })
})
