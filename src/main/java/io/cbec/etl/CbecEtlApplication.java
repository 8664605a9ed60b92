package io.cbec.etl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CbecEtlApplication {
    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(CbecEtlApplication.class, args)));
    }
}
