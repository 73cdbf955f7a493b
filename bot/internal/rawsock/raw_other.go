//go:build !linux

package rawsock

import (
	"io"
	"syscall"
)

// Elsewhere than Linux the connections stay as they are.
const supported = false

var eof = io.EOF

func read(uintptr, []byte) (int, syscall.Errno)  { return 0, syscall.ENOSYS }
func write(uintptr, []byte) (int, syscall.Errno) { return 0, syscall.ENOSYS }
func peek(uintptr) (int, syscall.Errno)          { return 0, syscall.ENOSYS }
