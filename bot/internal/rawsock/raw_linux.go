package rawsock

import (
	"syscall"
	"unsafe"
)

const supported = true

// read is read(2) without the runtime's system-call bookkeeping; EINTR is
// tried again.
func read(fd uintptr, b []byte) (int, syscall.Errno) {
	for {
		n, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		if e != syscall.EINTR {
			return int(n), e
		}
	}
}

// write is write(2) as read is read(2).
func write(fd uintptr, b []byte) (int, syscall.Errno) {
	for {
		n, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		if e != syscall.EINTR {
			return int(n), e
		}
	}
}

// peek is recv(2) of one byte with MSG_PEEK|MSG_DONTWAIT: n > 0 when data
// waits, 0 at the end of the stream, EAGAIN when the socket is open and
// empty.
func peek(fd uintptr) (int, syscall.Errno) {
	var b [1]byte
	for {
		n, _, e := syscall.RawSyscall6(syscall.SYS_RECVFROM, fd, uintptr(unsafe.Pointer(&b[0])), 1,
			syscall.MSG_PEEK|syscall.MSG_DONTWAIT, 0, 0)
		if e != syscall.EINTR {
			return int(n), e
		}
	}
}
