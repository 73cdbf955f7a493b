package storage

import (
	"context"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Values of an update key (<prefix>upd:<id>): "L:<token>" while a worker
// holds the lease (with PX Lease), "D" once handled (with PX DoneTTL).
//
// A session key (<prefix>conv:<chat>:<user>) holds "<version>|<json>" with
// PX SessionTTL, so the scripts read the version without decoding JSON. A
// value without a version prefix counts as version 0 (no session), so a
// corrupt value is overwritten by the next Commit instead of blocking the
// conversation.

// beginScript claims KEYS[1] for token ARGV[1] for ARGV[2] ms and returns
// {0, session} ({0} when there is none), or {1} when the update is done,
// {2} when another worker holds the lease. A lease held with ARGV[1]
// itself (this process claiming again what it holds) is renewed, and with
// ARGV[3] == "1" (a takeover) another worker's lease is taken.
var beginScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur then
  if cur == 'D' then return {1} end
  if cur ~= 'L:' .. ARGV[1] and ARGV[3] ~= '1' then return {2} end
end
redis.call('SET', KEYS[1], 'L:' .. ARGV[1], 'PX', ARGV[2])
return {0, redis.call('GET', KEYS[2])}
`)

// commitScript stores ARGV[3] ("<version>|<json>") in KEYS[2] for ARGV[4] ms
// (ARGV[3] empty: deletes KEYS[2], a conversation forgotten after an erasure)
// and marks KEYS[1] and KEYS[3..] done for ARGV[5] ms when the stored
// version equals ARGV[2] (0: no session) and each of those updates is done
// already, claimed by its token (ARGV[1] for KEYS[1], ARGV[4+i] for
// KEYS[i], i >= 3) or not claimed at all (lease ran out, nobody re-claimed).
// It returns 0 on success, 1 for a stale version, 2 when an update is
// leased by someone else (or KEYS[1] is done); then it writes nothing.
var commitScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= 'L:' .. ARGV[1] then return 2 end
for i = 3, #KEYS do
  local c = redis.call('GET', KEYS[i])
  if c and c ~= 'D' and c ~= 'L:' .. ARGV[i + 3] then return 2 end
end
local s = redis.call('GET', KEYS[2])
local v = 0
if s then v = tonumber(string.match(s, '^(%d+)|')) or 0 end
if v ~= tonumber(ARGV[2]) then return 1 end
if ARGV[3] == '' then
  redis.call('DEL', KEYS[2])
else
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
end
redis.call('SET', KEYS[1], 'D', 'PX', ARGV[5])
for i = 3, #KEYS do
  redis.call('SET', KEYS[i], 'D', 'PX', ARGV[5])
end
return 0
`)

// doneScript marks KEYS[1] done for ARGV[2] ms unless another token holds
// its lease; it returns 0 on success, 2 when leased by someone else.
var doneScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= 'D' and cur ~= 'L:' .. ARGV[1] then return 2 end
redis.call('SET', KEYS[1], 'D', 'PX', ARGV[2])
return 0
`)

// releaseScript deletes KEYS[1] when it holds exactly ARGV[1]; it returns
// 1 when deleted, 0 otherwise. Abort uses it with "L:<token>", unlock of
// LockChat with the lock token.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`)

// renewScript extends KEYS[1] by ARGV[2] ms when it holds ARGV[1] (a chat
// lock), and each further KEYS[i] by ARGV[3] ms when it holds ARGV[i+2]
// (an update's lease). It returns how many it extended.
var renewScript = redis.NewScript(`
local n = 0
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  n = n + 1
end
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[i + 2] then
    redis.call('PEXPIRE', KEYS[i], ARGV[3])
    n = n + 1
  end
end
return n
`)

// scripts are loaded by OpenRedis so that each later call is one EVALSHA.
var scripts = []*redis.Script{beginScript, commitScript, doneScript, releaseScript, renewScript}

// scriptCall is one Lua script call of a pipeline.
type scriptCall struct {
	script *redis.Script
	keys   []string
	args   []any
}

// runScripts sends n script calls in one pipeline, each as EVALSHA. When
// Redis lost its script cache (a restart, SCRIPT FLUSH), the calls that
// failed with NOSCRIPT did not run: only those are sent again, as EVAL with
// the script's body, which cannot fail that way and caches the script
// again. It returns nil commands when the pipeline could not be sent at all.
func (r *Redis) runScripts(ctx context.Context, calls []scriptCall) ([]*redis.Cmd, error) {
	if len(calls) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.Cmd, len(calls))
	_, err := r.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range calls {
			cmds[i] = c.script.EvalSha(ctx, p, c.keys, c.args...)
		}
		return nil
	})
	var again []int
	for i, c := range cmds {
		if c.Err() != nil && strings.HasPrefix(c.Err().Error(), "NOSCRIPT") {
			again = append(again, i)
		}
	}
	if len(again) > 0 {
		_, _ = r.client.Pipelined(ctx, func(p redis.Pipeliner) error {
			for _, i := range again {
				c := calls[i]
				cmds[i] = c.script.Eval(ctx, p, c.keys, c.args...)
			}
			return nil
		})
		return cmds, nil
	}
	if err != nil && cmds[0].Err() == nil {
		return nil, err
	}
	return cmds, nil
}
