#!/bin/bash
# ECS container health check without curl in the image: GET <path> on the service's port, healthy on 200.
path="${1:-/health}"
exec 3<>/dev/tcp/127.0.0.1/8080 || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 5 status_line <&3 || exit 1
[[ "$status_line" == *" 200 "* ]]
